/**
 * The React page's console: the element's `state`, the count of each event, the live log
 * (demo/live-log.ts fills the list React renders empty), the outage switch, and the
 * element's methods.
 */
import type { BanqCheckoutState } from '../../src/index.js';
import type { EventCounts } from '../framework-demo.js';
import { BANQ_EVENTS } from '../page-helpers.js';

export interface EventConsoleProps {
  state: BanqCheckoutState;
  counts: EventCounts;
  /** The log list's ref: demo/live-log.ts takes it over. */
  logList: (list: HTMLOListElement | null) => void;
  outage: { down: boolean; busy: boolean; turn: (down: boolean) => Promise<void> };
  /** The element's methods can be called (it is there, and not paid). */
  methods: boolean;
  onDestroy: () => void;
  onBootstrap: () => void;
  onClear: () => void;
}

/** The outage switch, the element's methods, and clearing the log. */
function ConsoleControls(props: EventConsoleProps) {
  const { outage, methods } = props;
  const methodButtons = [
    ['destroy()', props.onDestroy],
    ['bootstrap()', props.onBootstrap],
  ] as const;
  return (
    <div className="fw-controls">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={outage.down}
          disabled={outage.busy}
          onChange={(event) => void outage.turn(event.currentTarget.checked)}
        />
        <span className="switch__track" aria-hidden="true" />
        <span className="switch__text">Backend outage</span>
      </label>
      <div className="methods__buttons">
        {methodButtons.map(([name, onClick]) => (
          <button
            key={name}
            className="btn btn--dark btn--small"
            type="button"
            disabled={!methods}
            onClick={onClick}
          >
            <code>{name}</code>
          </button>
        ))}
        <button className="btn btn--ghost btn--small" type="button" onClick={props.onClear}>
          Clear log
        </button>
      </div>
    </div>
  );
}

export function EventConsole(props: EventConsoleProps) {
  const { state, counts } = props;
  return (
    <section className="console fw-console" aria-labelledby="log-title">
      <div className="console__head">
        <div>
          <p className="eyebrow eyebrow--light">What React heard</p>
          <h2 id="log-title">Live log</h2>
        </div>
        <div className="state" title="The element's state attribute">
          <span className="state__label">
            <code>&lt;banq-checkout&gt;</code> state
          </span>
          <span className="state__badge" data-state={state}>
            {state}
          </span>
        </div>
      </div>

      <div className="log fw-log">
        <div className="log__head">
          <ul className="fw-counts" aria-label="Events received">
            {BANQ_EVENTS.map((name) => (
              <li key={name} className="fw-count" data-event={name} data-seen={counts[name] > 0}>
                <code>{name}</code>
                <span className="fw-count__n">{counts[name]}</span>
              </li>
            ))}
          </ul>
        </div>
        <ol
          className="log__list"
          ref={props.logList}
          aria-label="The element's events, as React received them"
          aria-live="polite"
          aria-relevant="additions"
          tabIndex={0}
        />
        <p className="log__empty">
          Waiting for <code>banq-ready</code>… then press <strong>Pay with banq</strong>.
        </p>
      </div>

      <ConsoleControls {...props} />
    </section>
  );
}
