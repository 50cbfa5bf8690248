/**
 * The React component wrapping `<banq-checkout>`, for React 18 and earlier (which set
 * attributes rather than properties and cannot listen to custom events) and for server
 * rendering in any React. Built from the React it is given, so it does not pin a copy.
 *
 * - On a server, and in the first render of the browser, it renders the element with the
 *   settings an attribute can carry as their attributes (`order-id`, `funds`, …): the element
 *   may upgrade before hydration, and then it reads them.
 * - Once mounted (or hydrated), a layout effect sets every setting as the element's property
 *   (`funds` a number, `metadata` an object) and listens to its events for the `onBanq*` props.
 */
import type ReactModule from 'react';
import { BanqCheckout as BanqCheckoutElement } from '../banq-checkout.js';
import { BANQ_EVENTS, type BanqCheckoutEventMap } from '../events.js';
import type { BanqCheckoutProperties } from '../props.js';

/** `onBanqSuccess` for `banq-success`, and so on: React's own spelling of an event prop. */
type HandlerName<K extends string> = K extends `banq-${infer Name}`
  ? `onBanq${Capitalize<Name>}`
  : never;

/** The `onBanq*` props: each event's handler. */
export type BanqCheckoutReactHandlers = {
  [K in keyof BanqCheckoutEventMap as HandlerName<K>]?: (event: BanqCheckoutEventMap[K]) => void;
};

/** What `<BanqCheckout>` takes: the element's settings, `onBanq*` handlers, and React's own props. */
export type BanqCheckoutReactProps = Omit<
  ReactModule.HTMLAttributes<BanqCheckoutElement>,
  keyof BanqCheckoutProperties | keyof BanqCheckoutReactHandlers
> &
  BanqCheckoutProperties &
  BanqCheckoutReactHandlers & { children?: ReactModule.ReactNode };

const HANDLERS: ReadonlyMap<string, keyof BanqCheckoutEventMap> = new Map(
  BANQ_EVENTS.map((type) => [`onBanq${type[5].toUpperCase()}${type.slice(6)}`, type]),
);

/**
 * Each setting, and the attribute it has: the element's own declarations, named as Lit names
 * them (the property lowercased, unless given; none for `attribute: false`), and the `nonce`
 * every HTML element has.
 */
const SETTINGS: ReadonlyMap<string, string | undefined> = new Map([
  ...Object.entries(BanqCheckoutElement.properties).map(([property, declaration]) => {
    const attribute = 'attribute' in declaration ? declaration.attribute : true;
    const name = attribute === true ? property.toLowerCase() : attribute || undefined;
    return [property, name] as const;
  }),
  ['nonce', 'nonce'],
]);

/** Splits `props` into what React renders on the tag, and what the effect sets on the element. */
function split(props: object) {
  const tag: Record<string, unknown> = {};
  const settings: [string, unknown][] = [];
  const handlers = new Map<keyof BanqCheckoutEventMap, unknown>();
  for (const [key, value] of Object.entries(props)) {
    const event = HANDLERS.get(key);
    if (event) handlers.set(event, value);
    else if (SETTINGS.has(key)) {
      settings.push([key, value]);
      const attribute = SETTINGS.get(key);
      // An attribute carries a string; a number is written as one, as the element reads it.
      if (attribute && (typeof value === 'string' || typeof value === 'number'))
        tag[attribute] = value;
    } else tag[key === 'className' ? 'class' : key] = value;
  }
  return { tag, settings, handlers };
}

export function createBanqCheckoutComponent(react: typeof ReactModule) {
  const { createElement, forwardRef, useCallback, useEffect, useLayoutEffect, useRef } = react;
  // Before paint in a browser; on a server no effect runs, and React 18 warns of layout ones.
  const useElementEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

  const BanqCheckout = forwardRef<BanqCheckoutElement, BanqCheckoutReactProps>((props, ref) => {
    const element = useRef<BanqCheckoutElement | null>(null);
    const setBefore = useRef(new Set<string>());
    const handlers = useRef(new Map<keyof BanqCheckoutEventMap, unknown>());
    const { tag, settings, handlers: current } = split(props);

    useElementEffect(() => {
      const el = element.current as unknown as Record<string, unknown> | null;
      if (!el) return;
      handlers.current = current;
      const set = new Set<string>();
      for (const [key, value] of settings) {
        el[key] = value;
        set.add(key);
      }
      // A setting dropped from the props goes back to the element's default.
      for (const key of setBefore.current) if (!set.has(key)) el[key] = undefined;
      setBefore.current = set;
    });

    // One listener per event for the element's life, calling the latest handler.
    useElementEffect(() => {
      const el = element.current;
      if (!el) return;
      const listeners = [...HANDLERS.values()].map((type) => {
        const listener = (event: Event) => {
          const handler = handlers.current.get(type);
          if (typeof handler === 'function') (handler as (event: Event) => void)(event);
        };
        el.addEventListener(type, listener);
        return () => el.removeEventListener(type, listener);
      });
      return () => listeners.forEach((remove) => remove());
    }, []);

    const forward = useCallback(
      (node: BanqCheckoutElement | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    // The element renders its own content, which React does not hydrate.
    return createElement('banq-checkout', { ...tag, ref: forward, suppressHydrationWarning: true });
  });
  BanqCheckout.displayName = 'BanqCheckout';
  return BanqCheckout;
}
