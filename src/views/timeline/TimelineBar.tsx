/**
 * The timeline bar: play/pause, step, speed, the time, the scrubber over the whole known
 * history with its markers, and whether the page shows the live end or a moment of the past.
 */
import { useAppStore } from '../../store/index.ts';
import {
  selectClock,
  selectDismissNotice,
  selectNotice,
  selectPause,
  selectPlay,
  selectSetSpeed,
  selectStep,
  selectVirtualTime,
} from '../../store/selectors.ts';
import { formatClock } from '../../store/timelineSlice.ts';
import { SPEEDS } from './categories.ts';
import { Scrubber } from './Scrubber.tsx';
import { GoTo } from './GoTo.tsx';
import { useT } from '../i18n.ts';

export function TimelineBar() {
  const clock = useAppStore(selectClock);
  const t = useAppStore(selectVirtualTime);
  const play = useAppStore(selectPlay);
  const pause = useAppStore(selectPause);
  const step = useAppStore(selectStep);
  const setSpeed = useAppStore(selectSetSpeed);
  const notice = useAppStore(selectNotice);
  const dismissNotice = useAppStore(selectDismissNotice);
  const end = Math.max(clock.end, t);
  const tr = useT();

  return (
    <section className="timeline-bar" aria-label={tr('a11yTimeline')} data-testid="timeline">
      <div className="timeline-controls">
        <button
          type="button"
          className="button timeline-play"
          data-testid="timeline-play"
          aria-label={clock.playing ? tr('pause') : tr('play')}
          title={clock.playing ? tr('pause') : tr('play')}
          onClick={() => void (clock.playing ? pause() : play())}
        >
          {clock.playing ? '❚❚' : '▶'}
        </button>
        <button type="button" className="button" data-testid="timeline-step" title={tr('stepTitle')} onClick={() => void step()}>
          ▶❙
        </button>
        <label className="timeline-speed">
          <span className="visually-hidden">{tr('speed')}</span>
          <select data-testid="timeline-speed" value={String(clock.speed)} onChange={(e) => void setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span className="timeline-time" data-testid="timeline-time">
          {formatClock(t)} / {formatClock(end)}
        </span>
        <GoTo />
      </div>
      <Scrubber t={t} end={end} />
      <span className={clock.live ? 'timeline-mode live' : 'timeline-mode replay'} data-testid="timeline-mode" title={clock.live ? tr('liveTitle') : tr('replayTitle')}
        data-mode={clock.live ? 'live' : 'replay'}>
        {clock.live ? tr('live') : tr('replay')}
      </span>
      {notice && (
        <div className="timeline-notice" role="status" data-testid="timeline-notice">
          <span>{notice}</span>
          <button type="button" className="button" onClick={dismissNotice}>
            {tr('ok')}
          </button>
        </div>
      )}
    </section>
  );
}
