// Run by harness.test.ts in a mocha of its own: a passing test that leaves a timer running, as a
// test that forgets to clean up does. The run must still end, and fail saying why.
it('passes but leaves a timer behind', () => {
  setInterval(() => {}, 1000);
});
