// Why this file exists: when a code will not scan, staff find the member by name, number or
// email (the core ignores accents), pick the class and check them in; a refusal that staff may
// override asks for a reason, and the override is recorded as such by the core. The member
// picked also shows their desk notes (desk-notes.ts), which staff add and clear here.
// On a desk with staff profiles (issue 15) an override also needs the PIN of a supervisor or an
// admin, typed in the override form; a missing, wrong or locked-out PIN is said there.

import type { Host, Screen } from '../host';
import * as api from '../backend';
import { DeskNotesPanel } from '../desk-notes';
import { h, swap } from '../dom';
import { fmtDate, fmtRange } from '../format';
import { getLang, label, t } from '../i18n';
import { avatar, verdictCard } from '../verdict';
import { currentSession, shownStatus } from '../today';
import { failureText, pinErrorText, STAFF_PIN } from '../shift';
import { STAFF_PIN_MAX } from '../staff-dialogs';
import { OVERRIDABLE_CODES, type Lang, type MemberHit, type SessionRow, type Verdict } from '../types';

export const SEARCH_DEBOUNCE_MS = 250;

/** Whether staff may override this refusal (check_in_member with a reason). */
export function canOverride(v: Verdict | null): boolean {
  return !!v && !v.success && OVERRIDABLE_CODES.includes(v.code);
}

/** What the manual check-in screen needs from the app. */
export type ManualHost = Pick<Host, 'tz' | 'sessions' | 'verdictFeedback' | 'toast' | 'shift'>;

/** The override's PIN refusals, said in the override form (other failures are a toast). */
const APPROVAL_CODES: readonly string[] = ['approval_required', 'unauthorized', 'rate_limited'];

export class ManualScreen implements Screen {
  private query = '';
  private hits: MemberHit[] | null = null;
  private searching = false;
  private searchError = '';
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private selected: MemberHit | null = null;
  private session: 'auto' | number = 'auto';
  private verdict: Verdict | null = null;
  private overrideOpen = false;
  private reason = '';
  private reasonError = '';
  /** The approver's PIN (desks with staff profiles), and what was wrong with it (and its code). */
  private approvalPin = '';
  private approvalError = '';
  private approvalCode = '';
  private busy = false;
  /** The desk notes of the member picked (kept across redraws: it holds what is being typed). */
  private notes: DeskNotesPanel | null = null;

  private input: HTMLInputElement | null = null;
  private resultsSlot: HTMLElement | null = null;
  private detailSlot: HTMLElement | null = null;

  constructor(private readonly host: ManualHost) {}

  render(): HTMLElement {
    this.input = h('input', {
      id: 'manual-search',
      class: 'input input--xl',
      type: 'search',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: t('manual.placeholder'),
      value: this.query,
      'data-autofocus': true,
      'aria-controls': 'manual-results',
      oninput: (e: Event) => this.onQuery((e.target as HTMLInputElement).value),
      onkeydown: (e: KeyboardEvent) => this.onSearchKey(e),
    });
    this.resultsSlot = h('div', { id: 'manual-results', class: 'hits-slot', 'aria-live': 'polite' });
    this.detailSlot = h('div', { class: 'manual__detail' });
    const el = h(
      'div',
      { class: 'screen screen--manual' },
      h('h1', { class: 'screen__title', tabindex: '-1' }, t('manual.title')),
      h(
        'div',
        { class: 'manual' },
        h(
          'section',
          { class: 'manual__search panel' },
          h('label', { for: 'manual-search', class: 'label' }, t('manual.search')),
          this.input,
          this.resultsSlot,
        ),
        h('section', { class: 'panel', 'aria-live': 'polite' }, this.detailSlot),
      ),
    );
    this.notes?.redraw(); // the page is drawn again (a new language): so are the notes
    this.renderResults();
    this.renderDetail();
    return el;
  }

  shown(): void {
    this.input?.focus();
  }

  escape(): boolean {
    if (this.overrideOpen) {
      this.overrideOpen = false;
      this.reasonError = '';
      this.clearApproval();
      this.renderDetail();
      document.getElementById('manual-override')?.focus();
      return true;
    }
    if (this.selected) {
      this.selected = null;
      this.session = 'auto';
      this.verdict = null;
      this.renderDetail();
      this.input?.focus();
      return true;
    }
    if (this.query) {
      this.onQuery('');
      if (this.input) this.input.value = '';
      return true;
    }
    return false;
  }

  /** The desk got or lost staff profiles: the override form asks for a PIN, or no longer. */
  shiftChanged(): void {
    if (this.selected) this.renderDetail();
  }

  private clearApproval(): void {
    this.approvalPin = '';
    this.approvalError = '';
    this.approvalCode = '';
  }

  /** Today's sessions changed: refresh the session picker. */
  sessionsChanged(): void {
    if (this.selected && !this.overrideOpen) this.renderDetail();
  }

  // ---- search --------------------------------------------------------------------------

  private onQuery(q: string) {
    this.query = q;
    clearTimeout(this.timer);
    const trimmed = q.trim();
    if (trimmed.length < 2 && !/^\d+$/.test(trimmed)) {
      this.seq++;
      this.hits = null;
      this.searching = false;
      this.renderResults();
      return;
    }
    this.searching = true;
    this.timer = setTimeout(() => void this.search(trimmed), SEARCH_DEBOUNCE_MS);
  }

  private async search(q: string) {
    const seq = ++this.seq;
    this.searching = true;
    this.renderResults();
    try {
      const hits = await api.searchMembers(q, 20);
      if (seq !== this.seq) return; // a newer search is on its way
      this.hits = hits;
      this.searchError = '';
    } catch (e) {
      if (seq !== this.seq) return;
      this.hits = [];
      this.searchError = (e as Error).message;
    }
    this.searching = false;
    this.renderResults();
  }

  private onSearchKey(e: KeyboardEvent) {
    const first = this.resultsSlot?.querySelector<HTMLButtonElement>('.hit');
    if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      first.focus();
    } else if (e.key === 'Enter' && this.hits && this.hits.length > 0) {
      e.preventDefault();
      this.pick(this.hits[0]);
    }
  }

  private renderResults() {
    if (!this.resultsSlot) return;
    const lang = getLang();
    let content: HTMLElement;
    if (this.hits === null) {
      content = h('p', { class: 'muted' }, this.searching ? t('manual.searching') : t('manual.typeMore'));
    } else if (this.searchError) {
      content = h('p', { class: 'error' }, t('common.error', { message: this.searchError }));
    } else if (this.hits.length === 0) {
      content = h('p', { class: 'empty' }, t('manual.noResults', { q: this.query.trim() }));
    } else {
      content = h(
        'ul',
        { class: 'hits', 'aria-label': t('manual.results', { n: this.hits.length }) },
        this.hits.map((m, i) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                id: `hit-${m.id}`,
                class: `hit${this.selected?.id === m.id ? ' is-selected' : ''}`,
                'aria-pressed': this.selected?.id === m.id ? 'true' : 'false',
                onclick: () => this.pick(m),
                onkeydown: (e: KeyboardEvent) => this.onHitKey(e, i),
              },
              avatar(m, 'hit__avatar', true),
              h(
                'span',
                { class: 'hit__text' },
                h('span', { class: 'hit__name' }, m.name),
                h(
                  'span',
                  { class: 'hit__meta' },
                  [t('manual.memberId', { id: m.id }), m.email].filter(Boolean).join(' · '),
                ),
                membershipChip(m, this.host.tz(), lang),
              ),
            ),
          ),
        ),
      );
    }
    swap(this.resultsSlot, content);
  }

  private onHitKey(e: KeyboardEvent, i: number) {
    const buttons = [...(this.resultsSlot?.querySelectorAll<HTMLButtonElement>('.hit') ?? [])];
    if (e.key === 'ArrowDown' && i + 1 < buttons.length) {
      e.preventDefault();
      buttons[i + 1].focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (i > 0 ? buttons[i - 1] : this.input)?.focus();
    }
  }

  private pick(m: MemberHit) {
    // The class chosen for the previous person is not this person's: back to automatic.
    if (this.selected?.id !== m.id) this.session = 'auto';
    if (this.notes?.memberId !== m.id) this.notes = new DeskNotesPanel(m.id, () => this.host.tz());
    else void this.notes.load(); // back to the same person: their notes as they are now
    this.selected = m;
    this.verdict = null;
    this.overrideOpen = false;
    this.reason = '';
    this.clearApproval();
    this.renderResults();
    this.renderDetail();
    document.getElementById('manual-checkin')?.focus();
  }

  // ---- check-in ------------------------------------------------------------------------

  private renderDetail() {
    if (!this.detailSlot) return;
    const m = this.selected;
    if (!m) {
      swap(this.detailSlot, h('p', { class: 'empty' }, t('manual.pick')));
      return;
    }
    const lang = getLang();
    const tz = this.host.tz();
    const sessionSelect = h(
      'select',
      {
        id: 'manual-session',
        class: 'input',
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          this.session = v === 'auto' ? 'auto' : Number(v);
          this.verdict = null;
          this.overrideOpen = false;
          this.renderDetail();
        },
      },
      h('option', { value: 'auto', selected: this.session === 'auto' }, t('manual.auto')),
      sessionOptions(this.host.sessions(), this.session, tz, lang),
    );

    const v = this.verdict;
    swap(
      this.detailSlot,
      h(
        'div',
        { class: 'member' },
        avatar(m, 'member__avatar', true),
        h(
          'div',
          null,
          h('h2', { class: 'member__name' }, m.name),
          h('p', { class: 'muted' }, [t('manual.memberId', { id: m.id }), m.email].filter(Boolean).join(' · ')),
          membershipChip(m, tz, lang),
        ),
      ),
      h(
        'form',
        {
          class: 'checkin-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.checkIn(null);
          },
        },
        h('label', { for: 'manual-session', class: 'label' }, t('manual.session')),
        sessionSelect,
        h(
          'div',
          { class: 'row' },
          h(
            'button',
            { type: 'submit', id: 'manual-checkin', class: 'btn btn--primary btn--xl', disabled: this.busy },
            t('manual.checkIn'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn--ghost',
              onclick: () => {
                this.selected = null;
                this.session = 'auto';
                this.verdict = null;
                this.renderDetail();
                this.input?.focus();
                this.input?.select();
              },
            },
            t('manual.change'),
          ),
        ),
      ),
      v ? verdictCard(v, { tz, lang, compact: true }) : null,
      canOverride(v) && !this.overrideOpen
        ? h(
            'button',
            {
              type: 'button',
              id: 'manual-override',
              class: 'btn btn--warn btn--xl',
              onclick: () => {
                this.overrideOpen = true;
                this.renderDetail();
                document.getElementById('manual-reason')?.focus();
              },
            },
            t('manual.override'),
          )
        : null,
      canOverride(v) && this.overrideOpen ? this.overrideForm() : null,
      this.notes?.memberId === m.id ? this.notes.element : null,
    );
  }

  private overrideForm() {
    const askPin = !!this.host.shift()?.profiles;
    return h(
      'form',
      {
        class: 'override',
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          const reason = this.reason.trim();
          if (!reason) {
            this.reasonError = t('manual.reasonRequired');
            this.renderDetail();
            document.getElementById('manual-reason')?.focus();
            return;
          }
          this.reasonError = '';
          if (askPin && !STAFF_PIN.test(this.approvalPin)) {
            this.approvalError = this.approvalPin ? t('staff.pinShort') : t('manual.approvalRequired');
            this.approvalCode = '';
            this.renderDetail();
            document.getElementById('manual-approval-pin')?.focus();
            return;
          }
          void this.checkIn(reason);
        },
      },
      h('label', { for: 'manual-reason', class: 'label' }, t('manual.reason')),
      h('textarea', {
        id: 'manual-reason',
        class: 'input',
        rows: '2',
        required: true,
        value: this.reason,
        'aria-describedby': 'manual-reason-help',
        'aria-invalid': this.reasonError ? 'true' : null,
        oninput: (e: Event) => {
          this.reason = (e.target as HTMLTextAreaElement).value;
        },
        onkeydown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            (e.target as HTMLTextAreaElement).form?.requestSubmit();
          }
        },
      }),
      h('p', { id: 'manual-reason-help', class: 'muted' }, t('manual.reasonHelp')),
      this.reasonError ? h('p', { class: 'error', role: 'alert' }, this.reasonError) : null,
      askPin
        ? [
            h('label', { for: 'manual-approval-pin', class: 'label' }, t('manual.approvalPin')),
            h('input', {
              id: 'manual-approval-pin',
              class: 'input input--short',
              type: 'password',
              inputmode: 'numeric',
              autocomplete: 'off',
              maxlength: String(STAFF_PIN_MAX),
              value: this.approvalPin,
              'aria-describedby': this.approvalError ? 'manual-approval-error manual-approval-help' : 'manual-approval-help',
              'aria-invalid': this.approvalError ? 'true' : null,
              oninput: (e: Event) => {
                const el = e.target as HTMLInputElement;
                const digits = el.value.replace(/\D/g, '').slice(0, STAFF_PIN_MAX);
                if (digits !== el.value) el.value = digits;
                this.approvalPin = digits;
              },
            }),
            h('p', { id: 'manual-approval-help', class: 'muted' }, t('manual.approvalHelp')),
            this.approvalError
              ? h(
                  'p',
                  { id: 'manual-approval-error', class: 'error', role: 'alert', 'data-code': this.approvalCode || null },
                  this.approvalError,
                )
              : null,
          ]
        : null,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'submit', id: 'manual-confirm', class: 'btn btn--warn', disabled: this.busy },
          t('manual.confirmOverride'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--ghost',
            onclick: () => this.escape(),
          },
          t('common.cancel'),
        ),
      ),
    );
  }

  private async checkIn(overrideReason: string | null) {
    const m = this.selected;
    if (!m || this.busy) return;
    this.busy = true;
    const chosen = this.session === 'auto' ? null : this.session;
    // Overriding an automatic pick targets the class the refusal was about, if it named one.
    const sessionId = overrideReason && chosen === null ? (this.verdict?.session?.id ?? null) : chosen;
    const approvalPin = overrideReason && this.host.shift()?.profiles ? this.approvalPin : null;
    let pinRefused = false;
    try {
      const v = await api.checkInMember(m.id, sessionId, overrideReason, approvalPin);
      this.verdict = v;
      this.overrideOpen = false;
      this.reasonError = '';
      this.clearApproval();
      if (overrideReason) this.reason = '';
      this.host.verdictFeedback(v);
    } catch (e) {
      const err = api.toIpcError(e);
      if (overrideReason && APPROVAL_CODES.includes(err.code)) {
        // Said in the form, which stays open with the reason; the PIN is typed again.
        pinRefused = true;
        this.approvalPin = '';
        this.approvalError = pinErrorText(err.code, 'approval');
        this.approvalCode = err.code;
      } else {
        this.host.toast(failureText(err));
      }
    } finally {
      this.busy = false;
      this.renderDetail();
    }
    const focus = pinRefused ? 'manual-approval-pin' : canOverride(this.verdict) ? 'manual-override' : 'manual-checkin';
    document.getElementById(focus)?.focus();
  }
}

/**
 * The class options, from the class in progress (or the next) on; the earlier ones follow in
 * their own group, so the list opens at the class that matters now.
 */
export function sessionOptions(
  rows: readonly SessionRow[],
  chosen: 'auto' | number,
  tz: string | null,
  lang: Lang,
  now: number = Date.now(),
): HTMLElement[] {
  const sorted = [...rows].sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time));
  const current = currentSession(sorted, now);
  const from = current ? sorted.indexOf(current) : sorted.length;
  const option = (s: SessionRow) =>
    h(
      'option',
      { value: String(s.id), selected: chosen === s.id, 'data-status': shownStatus(s, now) },
      `${fmtRange(s.start_time, s.end_time, tz, lang)} · ${s.class_name ?? t('class.unnamed')} (${label('status', shownStatus(s, now))})`,
    );
  const later = sorted.slice(from);
  const earlier = sorted.slice(0, from);
  return [
    later.length ? h('optgroup', { label: t('manual.sessionsNow') }, later.map(option)) : null,
    earlier.length ? h('optgroup', { label: t('manual.sessionsEarlier') }, earlier.map(option)) : null,
  ].filter((x): x is HTMLOptGroupElement => x !== null);
}

export type MembershipState = 'none' | 'inactive' | 'expired' | 'active';

/**
 * What a membership looks like to staff, the way a scan would warn about it: none, inactive,
 * expired (its end date is before now, on the desk's clock), or active. Display only: whether
 * the member may check in is the core's answer.
 */
export function membershipState(ms: MemberHit['membership'], now: number = Date.now()): MembershipState {
  if (!ms) return 'none';
  if (ms.is_active === false) return 'inactive';
  const ends = ms.expires_at ? Date.parse(ms.expires_at) : NaN;
  if (Number.isFinite(ends) && ends < now) return 'expired';
  return 'active';
}

export function membershipChip(m: MemberHit, tz: string | null, lang: Lang, now: number = Date.now()) {
  const ms = m.membership;
  const state = membershipState(ms, now);
  if (!ms) return h('span', { class: 'chip chip--muted', 'data-membership': state }, t('manual.noMembership'));
  const ended = ms.expires_at !== null && Date.parse(ms.expires_at) < now;
  const text = [
    t(state === 'active' ? 'manual.active' : state === 'expired' ? 'manual.expired' : 'manual.inactive'),
    ms.type ? membershipType(ms.type) : null,
    ms.expires_at
      ? t(ended ? 'manual.expiredOn' : 'manual.expires', { date: fmtDate(ms.expires_at, tz, lang) })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return h('span', { class: `chip ${state === 'active' ? 'chip--ok' : 'chip--warn'}`, 'data-membership': state }, text);
}

/** GymAPI's types (paid, trial, free, none) in words; any other type as it came, not lower-cased. */
function membershipType(type: string): string {
  const key = type.toLowerCase();
  const words = label('membership', key);
  return words === key ? type : words;
}
