// Why this file exists: every string must exist in Spanish and English, and every outcome
// code of the contract (read from the types generated from Rust) and every warning code must have plain
// words in both, so a new code cannot slip into the UI untranslated.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DICTS, outcomeText, pickLang, setLang, t, warningText, cameraErrorText, connectErrorText, label } from '../src/i18n';
import { ALERT_KINDS, VERDICT_CODES, WARNING_CODES, type VerdictWarning, type WarningCode } from '../src/types';

const ROOT = resolve(__dirname, '../..');
const ipc = readFileSync(resolve(ROOT, 'ui/src/generated/ipc.ts'), 'utf8');

/** The string literals of the generated `Outcome` union (a verdict's code). */
function ipcOutcomeCodes(): string[] {
  const block = /export type Outcome = ((?:"[a-z_]+"\s*\|?\s*)+);/.exec(ipc);
  if (!block) throw new Error('the Outcome union is not in ui/src/generated/ipc.ts');
  return [...block[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
}

/** The fields of the generated `AlertActions`, in the order Rust declares them. */
function ipcAlertKinds(): string[] {
  const block = /export type AlertActions = \{([^}]*)\}/.exec(ipc);
  if (!block) throw new Error('AlertActions is not in ui/src/generated/ipc.ts');
  return [...block[1].matchAll(/([a-z_]+): AlertAction/g)].map((m) => m[1]);
}

afterEach(() => setLang('es'));

describe('dictionaries', () => {
  it('have exactly the same keys in Spanish and English', () => {
    expect(Object.keys(DICTS.en).sort()).toEqual(Object.keys(DICTS.es).sort());
  });
  it('have no empty strings', () => {
    for (const lang of ['es', 'en'] as const)
      for (const [k, v] of Object.entries(DICTS[lang])) expect(v.trim(), `${lang}:${k}`).not.toBe('');
  });
  it('use the same {placeholders} in both languages', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(DICTS.es) as (keyof typeof DICTS.es)[])
      expect(ph(DICTS.en[k]), k).toEqual(ph(DICTS.es[k]));
  });
  it('are actually translated (most texts differ between languages)', () => {
    const keys = Object.keys(DICTS.es) as (keyof typeof DICTS.es)[];
    const same = keys.filter((k) => DICTS.es[k] === DICTS.en[k]);
    expect(same.length / keys.length).toBeLessThan(0.1);
  });
});

describe('outcome and warning codes', () => {
  const codes = ipcOutcomeCodes();

  it('the generated Outcome union holds the codes the UI knows', () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect([...codes].sort()).toEqual([...VERDICT_CODES].sort());
  });

  for (const lang of ['es', 'en'] as const) {
    it(`every outcome code of the core has ${lang} words`, () => {
      setLang(lang);
      for (const code of codes) {
        const text = outcomeText(code, '__backend__');
        expect(text, code).not.toBe('__backend__');
        expect(text, code).not.toBe(code);
      }
    });
    it(`every warning code has ${lang} words`, () => {
      setLang(lang);
      for (const code of WARNING_CODES) {
        const text = warningText({ code, message: '' });
        expect(text, code).not.toBe(code);
        expect(text, code).toBe(DICTS[lang][`warning.${code}` as keyof typeof DICTS.es]);
      }
    });
  }

  // That the lists above hold every code the core emits is checked by the compiler: the codes
  // are unions generated from the Rust enums (src/generated/ipc.ts), see types.ts.

  it('falls back to the backend message for unknown codes', () => {
    expect(outcomeText('brand_new_code', 'Mensaje del núcleo')).toBe('Mensaje del núcleo');
    // A newer core's code this build does not know (the type says it cannot happen; the UI copes).
    expect(warningText({ code: 'brand_new_warning' as WarningCode, message: 'Aviso nuevo' })).toBe('Aviso nuevo');
  });

  it('renders the details of warnings from their fields, never from the message', () => {
    setLang('es');
    expect(warningText({ code: 'membership_expired', message: 'x', expired_at: '2026-10-31T23:00:00Z' })).toBe(
      'Membresía vencida el 2026-10-31',
    );
    setLang('en');
    expect(
      warningText({ code: 'override', message: 'x (y): z', refused: 'session_cancelled', reason: 'sala 2' }),
    ).toBe('Overridden by staff: This class is cancelled. Reason: sala 2');
    // The refusal's own parentheses are not wrapped in more ("(±30 minutes))").
    expect(warningText({ code: 'override', message: '', refused: 'outside_window', reason: 'tarde' })).toBe(
      "Overridden by staff: Outside the class's check-in window (±30 minutes). Reason: tarde",
    );
    // A message in another shape changes nothing: it is not parsed.
    expect(warningText({ code: 'override', message: 'Autorizado por el personal (session_cancelled): sala 2' })).toBe(
      'Overridden by staff',
    );
  });
});

describe('the alert catalogue', () => {
  it('ALERT_KINDS is the generated AlertActions, in its order', () => {
    expect(ipcAlertKinds()).toHaveLength(9);
    expect([...ALERT_KINDS]).toEqual(ipcAlertKinds());
  });

  it('every alert and level has a name in both languages', () => {
    for (const lang of ['es', 'en'] as const) {
      for (const kind of ALERT_KINDS) expect(DICTS[lang][`settings.alert.${kind}`], `${lang} ${kind}`).toBeTruthy();
      for (const level of ['allow', 'warn', 'block'] as const) expect(DICTS[lang][`settings.level.${level}`]).toBeTruthy();
    }
    expect(DICTS.es['settings.level.block']).toBe('Bloquear');
    expect(DICTS.en['settings.level.allow']).toBe('Allow');
  });

  const tz = 'Europe/Madrid';
  const cases: [string, VerdictWarning, string, string][] = [
    ['membership_expiring today', { code: 'membership_expiring', message: 'x', at: '2026-11-28T22:59:00Z', days: 0 },
      'La membresía vence hoy', 'Membership expires today'],
    ['membership_expiring in 1 day', { code: 'membership_expiring', message: 'x', at: '2026-11-29T22:59:00Z', days: 1 },
      'La membresía vence en 1 día, el 29 nov 2026', 'Membership expires in 1 day, on 29 Nov 2026'],
    ['membership_expiring in 5 days', { code: 'membership_expiring', message: 'x', at: '2026-12-03T22:59:00Z', days: 5 },
      'La membresía vence en 5 días, el 3 dic 2026', 'Membership expires in 5 days, on 3 Dec 2026'],
    ['new_member', { code: 'new_member', message: 'x', at: '2026-11-20T09:30:00Z' },
      'Miembro nuevo: alta el 20 nov 2026', 'New member: joined on 20 Nov 2026'],
    ['birthday', { code: 'birthday', message: 'x', level: 'allow' }, '¡Hoy es su cumpleaños!', "It's their birthday today!"],
    ['desk_note', { code: 'desk_note', message: 'x', note_id: 4, text: 'Firma pendiente', at: '2026-11-26T10:00:00Z' },
      'Nota de recepción: Firma pendiente', 'Desk note: Firma pendiente'],
    ['stale_data', { code: 'stale_data', message: 'x', at: '2026-11-27T08:12:00Z' },
      'Datos sin actualizar desde 27 nov 2026 09:12: la membresía podría haber cambiado',
      'Data not refreshed since 27 Nov 2026 09:12: the membership may have changed'],
  ];
  for (const [name, w, es, en] of cases)
    it(`renders ${name} from its fields in both languages, in the gym zone`, () => {
      setLang('es');
      expect(warningText(w, tz)).toBe(es);
      setLang('en');
      expect(warningText(w, tz)).toBe(en);
    });

  it('gives a bare code (a check-in row) or a warning without its fields its plain words, no placeholder', () => {
    for (const lang of ['es', 'en'] as const) {
      setLang(lang);
      for (const code of ['membership_expiring', 'new_member', 'birthday', 'desk_note', 'stale_data'] as const) {
        expect(warningText(code)).not.toMatch(/[{}]/);
        expect(warningText({ code, message: 'the core words' })).toBe(warningText(code));
      }
    }
    setLang('es');
    expect(warningText('desk_note')).toBe('Nota de recepción');
  });

  it('has the alert_blocked outcome and the acknowledgement hint in both languages', () => {
    setLang('es');
    expect(outcomeText('alert_blocked', 'x')).toBe('Acceso bloqueado por una alerta del gimnasio');
    expect(t('verdict.acknowledge')).toBe('Pulse Esc o haga clic para confirmar');
    expect(t('notes.localOnly')).toBe('Las notas se quedan en esta recepción: GymAPI no tiene dónde guardarlas.');
    setLang('en');
    expect(outcomeText('alert_blocked', 'x')).toBe("Entry blocked by one of the gym's alerts");
    expect(t('verdict.acknowledge')).toBe('Press Esc or click to acknowledge');
    expect(t('notes.localOnly')).toBe('Notes stay on this desk: GymAPI has nowhere to keep them.');
  });
});

describe('helpers', () => {
  it('t() substitutes parameters and follows the current language', () => {
    setLang('es');
    expect(t('sync.offlineLastContact', { time: '10:42' })).toBe('Sin conexión · último contacto 10:42');
    setLang('en');
    expect(t('sync.offlineLastContact', { time: '10:42' })).toBe('Offline · last contact 10:42');
    expect(document.documentElement.lang).toBe('en');
  });
  it('pickLang prefers window_ready.lang, then the OS/browser locale, then Spanish', () => {
    expect(pickLang('en', 'es-ES')).toBe('en');
    expect(pickLang(null, 'en-US')).toBe('en');
    expect(pickLang(undefined, 'es-MX')).toBe('es');
    expect(pickLang(null, 'fr-FR')).toBe('es');
  });
  it('camera errors say what to do next, with a generic fallback', () => {
    expect(cameraErrorText('camera_not_found')).toMatch(/Ajustes/);
    expect(cameraErrorText('weird_driver_error')).toBe(DICTS.es['camera.fallback']);
  });
  it('labels enum values', () => {
    expect(label('method', 'scanner')).toBe('Lector');
    expect(label('state', 'parked')).toBe('Retenido');
    expect(label('status', 'unknown_status')).toBe('unknown_status');
  });
});

describe('connecting from Settings', () => {
  // The codes save_settings rejects with when the server check fails (src-tauri commands.rs).
  const codes = ['offline', 'timeout', 'unauthorized', 'forbidden', 'not_found', 'bad_shape', 'config', 'server_error', 'keyring_unavailable'] as const;
  for (const lang of ['es', 'en'] as const)
    it(`says in ${lang} why a connection was not saved`, () => {
      setLang(lang);
      for (const c of codes) expect(connectErrorText(c), c).toBe(DICTS[lang][`connect.${c}` as keyof typeof DICTS.es]);
      expect(connectErrorText('db_busy'), 'not a connection error').toBeNull();
    });
});

describe('plurals and raw values', () => {
  it('counts in the singular for one and the plural otherwise, in both languages', () => {
    setLang('es');
    expect(t('sync.attempts', { n: 1 })).toBe('1 intento');
    expect(t('sync.attempts', { n: 3 })).toBe('3 intentos');
    expect(t('sync.parked', { n: 1 })).toBe('1 retenido');
    expect(t('manual.results', { n: 0 })).toBe('0 resultados');
    setLang('en');
    expect(t('sync.attempts', { n: 1 })).toBe('1 attempt');
    expect(t('sync.attempts', { n: 2 })).toBe('2 attempts');
  });
  it('shows the membership types GymAPI sends in words, and an unknown one as it came', () => {
    setLang('es');
    expect(label('membership', 'paid')).toBe('De pago');
    expect(label('membership', 'none')).toBe('Sin membresía');
    setLang('en');
    expect(label('membership', 'trial')).toBe('Trial');
    expect(label('membership', 'Anual Premium')).toBe('Anual Premium');
  });
});
