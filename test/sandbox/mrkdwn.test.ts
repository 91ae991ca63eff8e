import { describe, expect, it } from 'vitest';
import { mrkdwnToHtml, plainToHtml } from '../../src/sandbox/web/mrkdwn.js';

const dir = {
  userName: (id: string) => ({ U0MAYA: 'maya' })[id],
  channelName: (id: string) => ({ C0GTMREVIEW: 'gtm-review' })[id],
};
const html = (text: string) => mrkdwnToHtml(text, dir);

describe('the sandbox page: mrkdwn to HTML', () => {
  it('formats bold, italics, strike, code, quotes and line breaks', () => {
    expect(html('*Overall 3.2* is _good_, ~not bad~')).toBe('<b>Overall 3.2</b> is <i>good</i>, <s>not bad</s>');
    expect(html('run `/loop assess` now\n> quoted\nnext')).toBe(
      'run <code>/loop assess</code> now<br><blockquote>quoted</blockquote>next',
    );
    expect(html('```a *b*\nc```')).toBe('<pre>a *b*\nc</pre>');
    // Not formatting: asterisks inside words, or a snake_case name.
    expect(html('2*3*4 and dimension_key_name')).toBe('2*3*4 and dimension_key_name');
  });

  it('renders mentions, channels, special mentions, dates and safe links', () => {
    expect(html('<@U0MAYA> in <#C0GTMREVIEW>, <@U0OTHER|sam>, <!here>')).toBe(
      '<span class="mention" data-user="U0MAYA">@maya</span> in ' +
        '<span class="mention channel" data-channel="C0GTMREVIEW">#gtm-review</span>, ' +
        '<span class="mention" data-user="U0OTHER">@sam</span>, <span class="mention">@here</span>',
    );
    expect(html('*<https://example.com/a?b=1&amp;c=2|Acme &amp; Co>*')).toBe(
      '<b><a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">Acme &amp; Co</a></b>',
    );
    expect(html('<!date^1796198400^{date_short}|Tue 1 Dec 2026>')).toBe(
      '<time datetime="2026-12-02T08:00:00.000Z">Tue 1 Dec 2026</time>',
    );
    expect(html(':white_check_mark: done :not_an_emoji:')).toBe(
      '<span class="emoji" title=":white_check_mark:">✅</span> done :not_an_emoji:',
    );
  });

  it('never lets text become markup: HTML is escaped and only http(s) and mailto links are links', () => {
    expect(html('<img src=x onerror=alert(1)>')).toBe('img src=x onerror=alert(1)');
    expect(html('&lt;script&gt;alert("x")&lt;/script&gt; & <javascript:alert(1)|click>')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; click',
    );
    expect(html('<@U0X|"><b>bold</b>>')).not.toContain('<b>bold');
    expect(plainToHtml('<b>:tada:</b>')).toBe('&lt;b&gt;🎉&lt;/b&gt;');
    expect(plainToHtml(':tada:', false)).toBe(':tada:');
  });
});
