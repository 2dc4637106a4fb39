/** Jump to an exact moment: seconds (`90`, `12.5`) or `m:ss` (`1:30`), within the known history. */
import { useState } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectSeek } from '../../store/selectors.ts';
import { useT } from '../i18n.ts';

export function parseMoment(text: string): number | null {
  const s = text.trim();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(s);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  return null;
}

export function GoTo() {
  const seek = useAppStore(selectSeek);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const tr = useT();
  return (
    <form
      className="timeline-goto"
      onSubmit={(e) => {
        e.preventDefault();
        const t = parseMoment(text);
        setInvalid(t === null);
        if (t === null) return;
        // Past the end of the history, the clock runs forward to it (at most an hour further).
        void seek(t);
        setText('');
      }}
    >
      <input
        data-testid="timeline-goto"
        aria-label={tr('a11yGoTo')}
        aria-invalid={invalid}
        title={tr('goToTitle')}
        placeholder={tr('goTo')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
      />
    </form>
  );
}
