import { describe, expect, it } from 'vitest';
import { cardContext } from '../src/views/card-context.ts';
import { commentAddedCard } from './feishu/comment-notice.ts';
import { renderCommentAdded } from './slack/comment-notice.ts';

const props = { title: 'Cut <wait> & more', author: 'Mia *Member*', body: 'See <https://evil.example|here> & **bold**\nsecond line', url: 'https://outcome.example/app/outcomes/o1#comments' };

describe('the comment notice', () => {
  it('on Slack: who, which outcome, the comment quoted with its markup escaped, the link', () => {
    const m = renderCommentAdded(cardContext('en', 'https://outcome.example'), props);
    expect(m.text).toBe('Mia *Member* commented on “Cut <wait> & more”');
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('&lt;https://evil.example|here&gt; &amp; **bold**\\n>second line');
    expect(json).toContain('<https://outcome.example/app/outcomes/o1#comments|Open the outcome>');
    expect(m.blocks).toMatchSnapshot();
  });

  it('on Feishu: both languages, the reader’s first, with a button to the page', () => {
    const card = commentAddedCard(props, cardContext('zh-CN', 'https://outcome.example'));
    const json = JSON.stringify(card);
    expect(json).toContain('新评论');
    expect(json).toContain('https://outcome.example/app/outcomes/o1#comments');
    expect(card).toMatchSnapshot();
  });
});
