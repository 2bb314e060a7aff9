// Why this file exists: a tiny element builder so the UI needs no framework. `h()` creates an
// element with properties, attributes, listeners and children; `swap()` replaces a region's
// content while keeping keyboard focus on the "same" control (matched by id).

export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (k === 'text') {
      el.textContent = String(v);
    } else if (k === 'style' && typeof v === 'object') {
      Object.assign(el.style, v);
    } else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'srcdoc') {
      (el as unknown as Record<string, unknown>)[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `region`, re-focusing the element with the focused id if any. */
export function swap(region: Element, ...children: Child[]) {
  const active = document.activeElement as HTMLElement | null;
  const focusId = active && region.contains(active) ? active.id : '';
  const sel =
    active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
      ? [active.selectionStart, active.selectionEnd]
      : null;
  region.replaceChildren();
  append(region, children);
  if (focusId) {
    const again = document.getElementById(focusId);
    if (again && region.contains(again)) {
      again.focus({ preventScroll: true });
      if (sel && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) {
        try {
          again.setSelectionRange(sel[0], sel[1]);
        } catch {
          /* not every input has a selection */
        }
      }
    }
  }
}
