import * as assert from 'assert';
import { activeKepExtension, KEP_README, openInEditor } from './helpers';

suite('Activation in a KEP workspace', () => {
  test('the extension is active once a KEP README is open', async () => {
    const document = await openInEditor(KEP_README);
    assert.strictEqual(document.languageId, 'markdown');
    const extension = await activeKepExtension();
    assert.ok(extension.isActive);
  });
});
