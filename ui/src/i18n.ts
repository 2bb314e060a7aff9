// Why this file exists: every string the UI shows, in Spanish and English, including a plain
// wording for each check-in outcome and warning code. The backend's own message is only a
// fallback for codes this table does not know (or for details such as dates and reasons).
// The staff profiles' and the kiosk's texts (issue 15) are in i18n-staff.ts and i18n-kiosk.ts,
// spread into both tables here.

import { fmtDate, fmtTime } from './format';
import { KIOSK_EN, KIOSK_ES } from './i18n-kiosk';
import { STAFF_EN, STAFF_ES } from './i18n-staff';
import type { Lang, VerdictWarning } from './types';

const es = {
  'app.title': 'Front Desk',
  'app.loading': 'Cargando…',
  'app.noBackend':
    'No se puede conectar con el núcleo de Front Desk. Cierre la aplicación y vuelva a abrirla; si sigue igual, reinicie el equipo.',
  'app.shortcuts': 'Atajos: F1 Escanear · F2 Manual · F3 Sincronización · F4 Informes · F6 Ajustes · Esc cerrar',
  'app.skip': 'Saltar al contenido',

  'nav.label': 'Secciones',
  'nav.scan': 'Escanear',
  'nav.manual': 'Check-in manual',
  'nav.reports': 'Informes',
  'nav.settings': 'Ajustes',

  'demo.banner': 'MODO DEMO',
  'demo.cameraHeld': 'La cámara de demostración espera mientras usted está en esta pantalla: sigue al volver a Escanear.',
  'demo.detail': 'Gimnasio y cámara de demostración. Configure el servidor central en Ajustes para trabajar con datos reales.',

  'sync.button': 'Estado de sincronización (F3)',
  'sync.online': 'En línea',
  'sync.offline': 'Sin conexión',
  'sync.offlineLastContact': 'Sin conexión · último contacto {time}',
  'sync.offlineNever': 'Sin conexión · el servidor aún no ha respondido',
  'sync.connecting': 'Conectando…',
  'sync.local': 'Solo local',
  'sync.queued': '{n} en cola',
  'sync.parked': '{n} {n|retenido|retenidos}',
  'sync.pull': 'Descargando datos del gimnasio: {stage}, {done} de {total}',
  'sync.pullAbout': 'Descargando datos del gimnasio: {stage}, {done} de unos {total}',
  'sync.pullSoFar': 'Descargando datos del gimnasio: {stage}, {done} hasta ahora',
  'sync.stage.members': 'socios',
  'sync.stage.sessions': 'clases',
  'sync.stage.memberships': 'membresías',
  'sync.title': 'Sincronización',
  'sync.lastSuccess': 'Última sincronización',
  'sync.lastAttempt': 'Último intento',
  'sync.lastError': 'Último error',
  'sync.never': 'nunca',
  'clock.deskBehind':
    'El reloj de este equipo va {d} por detrás del servidor. Corrija la fecha y hora del sistema: las horas de check-in desde entonces quedan marcadas como dudosas ({n}).',
  'clock.deskAhead':
    'El reloj de este equipo va {d} por delante del servidor. Corrija la fecha y hora del sistema: las horas de check-in desde entonces quedan marcadas como dudosas ({n}).',
  'clock.backwards':
    'El reloj de este equipo retrocedió {d}. Revise la fecha y hora del sistema: los check-ins siguientes quedan marcados como dudosos ({n}) hasta la próxima comprobación con el servidor.',
  'clock.fact': 'Reloj del equipo',
  'clock.ok': 'coincide con el servidor',
  'clock.unknown': 'sin comprobar todavía',
  'clock.doubtful': 'Hora dudosa',
  'sync.notConfigured': 'No hay servidor central configurado: los check-ins se guardan solo en este equipo.',
  'sync.offlineHelp': 'Los check-ins siguen funcionando y se enviarán solos cuando vuelva la conexión.',
  'sync.parkedTitle': 'Check-ins retenidos',
  'sync.parkedHelp':
    'El servidor central rechazó estos check-ins. Corrija la causa y pulse Reintentar, o descártelos con una nota (quedan en los informes como descartados).',
  'sync.noParked': 'No hay check-ins retenidos.',
  'sync.retry': 'Reintentar',
  'sync.dismiss': 'Descartar',
  'sync.note': 'Nota para el descarte (obligatoria)',
  'sync.confirmDismiss': 'Confirmar descarte',
  'sync.attempts': '{n} {n|intento|intentos}',
  'sync.session': 'sesión {id}',
  'sync.classAt': '{name} de las {time}',
  'followUp.expired': 'Actualizado ahora: la membresía de {name} venció el {date}.',
  'followUp.inactive': 'Actualizado ahora: la membresía de {name} ya no está activa.',
  'followUp.nowActive': 'Actualizado ahora: la membresía de {name} está activa.',
  'sync.bookedRecent': 'Reservados y registrados (24 h)',
  'sync.unknownMember': 'Miembro {id}',
  'sync.noteRequired': 'Escriba una nota para poder descartar.',

  'common.cancel': 'Cancelar',
  'common.close': 'Cerrar',
  'common.error': 'Error: {message}',
  'common.none': '—',

  'scan.title': 'Escanear',
  'scan.preview': 'Vista previa de la cámara',
  'scan.waiting': 'Iniciando la cámara…',
  'scan.scannerOnly': 'Sin cámara: pasa el código por el lector.',
  'scan.readAgain': 'El lector no leyó el código completo: vuelve a pasarlo.',
  'scan.alreadyRead': 'Ya leído: este código se acaba de escanear y cuenta una sola vez.',
  'scan.hint': 'Muestre el código QR dentro del recuadro o use el lector.',
  'scan.recent': 'Últimos check-ins',
  'scan.noRecent': 'Todavía no hay check-ins.',
  'scan.today': 'Clases de hoy',
  'scan.noSessions': 'Hoy no hay clases.',
  'scan.registered': 'Inscritos',
  'scan.attended': 'Asistentes',
  'scan.capacity': 'Aforo',
  'scan.noLimit': 'sin límite',
  'scan.demoSource': 'Cámara de demostración',

  'camera.title': 'Problema con la cámara',
  'camera.camera_not_found':
    'No se encuentra la cámara. Compruebe que está conectada y elíjala en Ajustes. Mientras tanto puede usar el lector o el check-in manual (F2).',
  'camera.camera_permission_denied':
    'El sistema no permite usar la cámara. Conceda el permiso de cámara a Front Desk en la configuración del sistema y vuelva a abrir la aplicación.',
  'camera.camera_busy':
    'Otra aplicación está usando la cámara. Ciérrela; Front Desk volverá a intentarlo. Mientras tanto use el lector o el check-in manual (F2).',
  'camera.fallback': 'Revise la cámara en Ajustes. Mientras tanto puede usar el lector o el check-in manual (F2).',
  'camera.openSettings': 'Abrir ajustes de cámara',

  'verdict.ok': 'Adelante',
  'verdict.warn': 'Adelante, con aviso',
  'verdict.refused': 'No puede pasar',
  'verdict.again': 'Ya registrado: puede pasar',
  'verdict.unknownMember': 'Persona no identificada',
  'verdict.dismiss': 'Esc para cerrar',
  'verdict.photo': 'Foto de {name}',
  'verdict.banner': 'Escaneo de la cámara',
  'verdict.bannerDismiss': 'Cerrar aviso',
  'verdict.acknowledge': 'Pulse Esc o haga clic para confirmar',
  'verdict.bannerAck': 'Haga clic para confirmar el aviso',
  'verdict.dataAsOf': 'datos de las {time}',
  'verdict.dataAsOfDay': 'datos del {date} a las {time}',

  'outcome.checked_in': 'Check-in realizado',
  'outcome.already_checked_in': 'Ya hizo check-in en esta clase',
  'outcome.already_inside': 'Ya está dentro: hizo check-in hace unos minutos',
  'verdict.insideSince': 'Dentro desde las {time}',
  'outcome.invalid_code': 'Código QR no válido',
  'outcome.not_a_member': 'No es miembro de este gimnasio',
  'outcome.no_class_now': 'Ahora no hay ninguna clase abierta para check-in',
  'outcome.session_not_found': 'Clase no encontrada en este gimnasio',
  'outcome.session_cancelled': 'La clase está cancelada',
  'outcome.outside_window': 'Fuera del horario de check-in de la clase (±30 minutos)',
  'outcome.membership_inactive': 'Membresía no activa: acceso bloqueado',
  'outcome.alert_blocked': 'Acceso bloqueado por una alerta del gimnasio',
  'outcome.save_failed': 'No se pudo guardar el check-in. Inténtelo de nuevo.',
  'db.damagedTitle': 'La base de datos de la recepción está dañada',
  'db.damagedBody': 'No se puede registrar ningún check-in hasta restaurarla. El archivo dañado se conserva aparte.',
  'db.restore': 'Restaurar la última copia automática',
  'db.restoring': 'Restaurando…',
  'db.noBackup': 'No hay copias automáticas. Avise al administrador (frontdesk restore).',

  'warning.no_stored_code': 'Sin código guardado: aceptado solo por su número de socio',
  'warning.membership_inactive': 'Membresía inactiva',
  'warning.membership_expired': 'Membresía vencida',
  'warning.user_inactive': 'La cuenta del usuario está desactivada',
  'warning.hand_entry_needed':
    'Registrado aquí; GymAPI no acepta un check-in sin reserva con la clase ya empezada: se registrará en GymAPI a mano (queda retenido en Sincronización)',
  'warning.override': 'Autorizado por el personal',
  'warning.override_detail': 'Autorizado por el personal: {refused}. Motivo: {reason}',
  'warning.membership_expired_on': 'Membresía vencida el {date}',
  'warning.membership_expiring': 'La membresía vence pronto',
  'warning.membership_expiring_today': 'La membresía vence hoy',
  'warning.membership_expiring_in': 'La membresía vence en {days} {days|día|días}, el {date}',
  'warning.new_member': 'Miembro nuevo',
  'warning.new_member_since': 'Miembro nuevo: alta el {date}',
  'warning.birthday': '¡Hoy es su cumpleaños!',
  'warning.desk_note': 'Nota de recepción',
  'warning.desk_note_text': 'Nota de recepción: {text}',
  'warning.stale_data': 'Datos sin actualizar: la membresía podría haber cambiado',
  'warning.stale_data_since': 'Datos sin actualizar desde {when}: la membresía podría haber cambiado',

  'method.camera': 'Cámara',
  'method.scanner': 'Lector',
  'method.manual': 'Manual',
  'method.override': 'Autorizado',

  'state.queued': 'En cola',
  'membership.paid': 'De pago',
  'membership.trial': 'De prueba',
  'membership.free': 'Gratuita',
  'membership.none': 'Sin membresía',
  'state.sent': 'Enviado',
  'state.parked': 'Retenido',

  'status.scheduled': 'Programada',
  'status.in_progress': 'En curso',
  'status.completed': 'Terminada',
  'status.cancelled': 'Cancelada',
  'class.unnamed': 'Clase',

  'manual.title': 'Check-in manual',
  'manual.search': 'Buscar miembro',
  'manual.placeholder': 'Nombre, número o email',
  'manual.typeMore': 'Escriba al menos 2 letras o un número de socio.',
  'manual.searching': 'Buscando…',
  'manual.noResults': 'No hay nadie que coincida con «{q}».',
  'manual.results': '{n} {n|resultado|resultados}',
  'manual.active': 'Membresía activa',
  'manual.inactive': 'Membresía inactiva',
  'manual.noMembership': 'Sin membresía',
  'manual.expires': 'vence el {date}',
  'manual.expired': 'Membresía vencida',
  'manual.expiredOn': 'venció el {date}',
  'manual.sessionsNow': 'Ahora y más tarde',
  'manual.sessionsEarlier': 'Antes, hoy',
  'manual.memberId': 'Nº {id}',
  'manual.session': 'Clase',
  'manual.auto': 'Automática (la clase abierta ahora)',
  'manual.checkIn': 'Hacer check-in',
  'manual.change': 'Buscar a otra persona',
  'manual.pick': 'Elija una persona de la lista.',
  'manual.override': 'Autorizar igualmente',
  'manual.reason': 'Motivo de la autorización (obligatorio)',
  'manual.reasonHelp': 'La autorización se registra como tal, con este motivo.',
  'manual.confirmOverride': 'Confirmar autorización',
  'manual.reasonRequired': 'Escriba el motivo de la autorización.',

  'notes.title': 'Notas de recepción',
  'notes.none': 'No hay notas abiertas para esta persona.',
  'notes.label': 'Nueva nota (se mostrará en cada check-in hasta que se borre)',
  'notes.placeholder': 'Por ejemplo: falta firmar la autorización',
  'notes.add': 'Añadir nota',
  'notes.clear': 'Borrar nota',
  'notes.clearLabel': 'Borrar la nota «{text}»',
  'notes.written': 'Escrita el {date} a las {time}',
  'notes.writtenBy': 'Escrita el {date} a las {time} por {staff}',
  'notes.localOnly': 'Las notas se quedan en esta recepción: GymAPI no tiene dónde guardarlas.',
  'notes.loading': 'Cargando notas…',
  'notes.invalid_argument': 'Escriba una nota de una sola línea, de 1 a 280 caracteres.',
  'notes.not_found': 'Esa nota ya estaba borrada.',
  'notes.failed': 'No se pudieron guardar los cambios en las notas. Inténtelo de nuevo.',
  'notes.loadFailed': 'No se pudieron leer las notas de esta persona.',

  'settings.title': 'Ajustes',
  'settings.cameraSection': 'Cámara',
  'settings.camera': 'Cámara',
  'settings.cameraDemo': 'Cámara de demostración',
  'settings.cameraNone': 'Ninguna (solo lector de códigos)',
  'settings.noCameras': 'No se encontró ninguna cámara conectada.',
  'settings.resolution': 'Resolución',
  'settings.mirrored': 'Mostrar la imagen en espejo',
  'settings.serverSection': 'Servidor central',
  'settings.apiUrl': 'URL de la API',
  'settings.gymId': 'Número del gimnasio',
  'settings.token': 'Token de acceso',
  'settings.tokenStored': 'Token guardado en el llavero del sistema. Déjelo vacío para conservarlo.',
  'settings.tokenNone': 'No hay token guardado.',
  'settings.tokenEnv': 'El token viene de FRONTDESK_TOKEN en este puesto, que tiene prioridad sobre el llavero.',
  'settings.keyringUnavailable':
    'Este puesto no tiene llavero del sistema (Secret Service): un token escrito aquí no se puede guardar. Defina FRONTDESK_TOKEN (ver README).',
  'settings.deskSection': 'Mostrador',
  'settings.lang': 'Idioma',
  'settings.sound': 'Sonido en cada check-in',
  'settings.alertsSection': 'Alertas',
  'settings.alertsHelp': 'Qué hace la recepción con cada alerta:',
  'settings.level.allow': 'Permitir',
  'settings.level.warn': 'Avisar',
  'settings.level.block': 'Bloquear',
  'settings.levelHelp.allow': 'Permitir: pasa; la tarjeta sigue verde, con la alerta como nota.',
  'settings.levelHelp.warn': 'Avisar: pasa; la tarjeta ámbar se queda hasta que el personal la confirme.',
  'settings.levelHelp.block': 'Bloquear: no pasa (tarjeta roja) salvo que el personal lo autorice con un motivo.',
  'settings.alert.membership_inactive': 'Membresía inactiva',
  'settings.alert.membership_expired': 'Membresía vencida',
  'settings.alert.membership_expiring': 'Membresía a punto de vencer',
  'settings.alert.user_inactive': 'Cuenta de usuario desactivada',
  'settings.alert.no_stored_code': 'Sin código guardado',
  'settings.alert.new_member': 'Miembro nuevo',
  'settings.alert.birthday': 'Cumpleaños',
  'settings.alert.desk_note': 'Nota de recepción',
  'settings.alert.stale_data': 'Datos sin actualizar',
  'settings.expiringDays': '«A punto de vencer»: días antes del vencimiento (0 = desactivado)',
  'settings.expiringRange': 'Escriba un número de días entre 0 y {max}.',
  'settings.newMemberDays': '«Miembro nuevo»: días desde el alta (0 = desactivado)',
  'settings.newMemberRange': 'Escriba un número de días entre 0 y {max}.',
  'settings.staleHours': '«Datos sin actualizar»: horas sin descargar datos del servidor',
  'settings.staleRange': 'Escriba un número de horas entre {min} y {max}.',
  'settings.rescan': 'Ventana de re-escaneo (segundos)',
  'settings.rescanHelp': 'Un segundo escaneo de la misma persona dentro de este tiempo no se cuenta dos veces.',
  'settings.rescanRange': 'Escriba un número de segundos entre 1 y 120.',
  'settings.alreadyInside': 'Ya dentro (minutos, 0 = desactivado)',
  'settings.alreadyInsideHelp':
    'Quien hizo check-in hace menos de estos minutos y vuelve a escanear se muestra «ya dentro» en lugar de registrarse en la siguiente sesión de la misma clase (por ejemplo, el gimnasio libre cada hora).',
  'settings.alreadyInsideRange': 'Escriba un número de minutos entre 0 y {max}.',
  'settings.save': 'Guardar ajustes',
  'settings.saved': 'Ajustes guardados.',
  'settings.connected': 'Ajustes guardados. Conectado con el servidor: descargando el gimnasio…',
  'connect.offline': 'No se pudo conectar con el servidor. Revisa la dirección y la red; no se ha guardado nada.',
  'connect.timeout': 'El servidor no respondió a tiempo. Inténtalo de nuevo; no se ha guardado nada.',
  'connect.unauthorized': 'El servidor rechazó el token. Revisa el token; no se ha guardado nada.',
  'connect.forbidden': 'Ese token no tiene acceso a este gimnasio. Revisa el número de gimnasio; no se ha guardado nada.',
  'connect.not_found': 'El servidor no conoce ese gimnasio o esa dirección. Revisa ambos; no se ha guardado nada.',
  'connect.bad_shape': 'Esa dirección responde, pero no es la API del gimnasio (¿falta /api/v1?). No se ha guardado nada.',
  'connect.config': 'Faltan datos para conectar (dirección, número de gimnasio y token). No se ha guardado nada.',
  'connect.server_error': 'El servidor tuvo un error. Inténtalo más tarde; no se ha guardado nada.',
  'connect.keyring_unavailable': 'El llavero del sistema no pudo guardar el token. Define FRONTDESK_TOKEN en este puesto (ver README).',
  'settings.invalidUrl': 'La URL debe empezar por http:// o https://',
  'settings.invalidNumber': 'Escriba un número entero válido.',
  'settings.about': 'Versión {version} · datos en {dir}',
  'settings.logs': 'Registros en {dir}',
  'settings.diagnostics': 'Copiar diagnóstico',
  'settings.diagCopied': 'Diagnóstico copiado. Péguelo en su mensaje al soporte; no contiene el token ni códigos de socios.',
  'settings.diagSelect': 'No se pudo copiar automáticamente: seleccione el texto de abajo y cópielo.',


  'reports.title': 'Informes',
  'reports.date': 'Día',
  'reports.preview': 'Vista previa del informe',
  'reports.export': 'Exportar {format}',
  'reports.exported': 'Guardado en {path}',
  'reports.cancelled': 'Exportación cancelada: no se guardó ningún archivo.',
  'reports.errInUse': 'El archivo está abierto en otro programa (¿Excel?). Ciérrelo y vuelva a exportar; el archivo anterior sigue intacto.',
  'reports.errDiskFull': 'El disco está lleno: libere espacio y vuelva a exportar.',
  'reports.errBadPath': 'Ese archivo no puede guardar el informe (es la base de datos del escritorio o no es un archivo): elija otro.',
  'reports.errWrite': 'No se pudo guardar ahí: compruebe que la carpeta existe y que se puede escribir en ella.',
  'reports.print': 'Imprimir',
  'reports.loading': 'Preparando el informe…',
  'reports.mode': 'Informe de',
  'reports.modeDay': 'Día',
  'reports.modeRange': 'Periodo',
  'reports.from': 'Desde',
  'reports.to': 'Hasta',
  'reports.quick': 'Periodos rápidos',
  'reports.last7': 'Últimos 7 días',
  'reports.last30': 'Últimos 30 días',
  'reports.thisMonth': 'Este mes',
  'reports.errRangeEmpty': 'Elija el primer y el último día del periodo.',
  'reports.errRangeOrder': 'El periodo termina antes de empezar: elija en «Hasta» el mismo día que «Desde» o uno posterior.',
  'reports.errRangeLong': 'Un periodo abarca como mucho {max} días y este tiene {days}: acórtelo.',
  'reports.errDates': 'El informe no admite esas fechas: compruebe el día o el periodo elegido.',
  'reports.noPreview': 'Sin vista previa hasta que el periodo sea válido.',
  ...STAFF_ES,
  ...KIOSK_ES,
} as const;

export type Key = keyof typeof es;

const en: Record<Key, string> = {
  'app.title': 'Front Desk',
  'app.loading': 'Loading…',
  'app.noBackend':
    'Cannot reach the Front Desk core. Close the app and open it again; if it persists, restart the computer.',
  'app.shortcuts': 'Shortcuts: F1 Scan · F2 Manual · F3 Sync · F4 Reports · F6 Settings · Esc close',
  'app.skip': 'Skip to content',

  'nav.label': 'Sections',
  'nav.scan': 'Scan',
  'nav.manual': 'Manual check-in',
  'nav.reports': 'Reports',
  'nav.settings': 'Settings',

  'demo.banner': 'DEMO MODE',
  'demo.cameraHeld': 'The demo camera waits while you are on this screen: it carries on back on Scan.',
  'demo.detail': 'Demo gym and demo camera. Set up the central server in Settings to work with real data.',

  'sync.button': 'Sync status (F3)',
  'sync.online': 'Online',
  'sync.offline': 'Offline',
  'sync.offlineLastContact': 'Offline · last contact {time}',
  'sync.offlineNever': 'Offline · the server has not answered yet',
  'sync.connecting': 'Connecting…',
  'sync.local': 'Local only',
  'sync.queued': '{n} queued',
  'sync.parked': '{n} parked',
  'sync.pull': 'Downloading gym data: {stage}, {done} of {total}',
  'sync.pullAbout': 'Downloading gym data: {stage}, {done} of about {total}',
  'sync.pullSoFar': 'Downloading gym data: {stage}, {done} so far',
  'sync.stage.members': 'members',
  'sync.stage.sessions': 'classes',
  'sync.stage.memberships': 'memberships',
  'sync.title': 'Sync',
  'sync.lastSuccess': 'Last synced',
  'sync.lastAttempt': 'Last attempt',
  'sync.lastError': 'Last error',
  'sync.never': 'never',
  'clock.deskBehind':
    "This desk's clock is {d} behind the server's. Fix the system date and time: check-in times since then are marked as doubtful ({n}).",
  'clock.deskAhead':
    "This desk's clock is {d} ahead of the server's. Fix the system date and time: check-in times since then are marked as doubtful ({n}).",
  'clock.backwards':
    "This desk's clock went back {d}. Check the system date and time: the following check-ins are marked as doubtful ({n}) until the next check against the server.",
  'clock.fact': "Desk clock",
  'clock.ok': "matches the server's",
  'clock.unknown': 'not checked yet',
  'clock.doubtful': 'Doubtful time',
  'sync.notConfigured': 'No central server is set up: check-ins are kept on this computer only.',
  'sync.offlineHelp': 'Check-ins keep working and are sent automatically when the connection is back.',
  'sync.parkedTitle': 'Parked check-ins',
  'sync.parkedHelp':
    'The central server refused these check-ins. Fix the cause and press Retry, or dismiss them with a note (reports keep them as dismissed).',
  'sync.noParked': 'No parked check-ins.',
  'sync.retry': 'Retry',
  'sync.dismiss': 'Dismiss',
  'sync.note': 'Note for dismissing (required)',
  'sync.confirmDismiss': 'Confirm dismiss',
  'sync.attempts': '{n} {n|attempt|attempts}',
  'sync.session': 'session {id}',
  'sync.classAt': '{name} at {time}',
  'followUp.expired': 'Updated just now: {name}’s membership expired on {date}.',
  'followUp.inactive': 'Updated just now: {name}’s membership is no longer active.',
  'followUp.nowActive': 'Updated just now: {name}’s membership is active.',
  'sync.bookedRecent': 'Booked, then recorded (24 h)',
  'sync.unknownMember': 'Member {id}',
  'sync.noteRequired': 'Write a note to dismiss.',

  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.error': 'Error: {message}',
  'common.none': '—',

  'scan.title': 'Scan',
  'scan.preview': 'Camera preview',
  'scan.waiting': 'Starting the camera…',
  'scan.scannerOnly': 'No camera: scan the code with the scanner.',
  'scan.readAgain': 'The scanner did not read the whole code: scan it again.',
  'scan.alreadyRead': 'Already read: this code was scanned a moment ago and counts once.',
  'scan.hint': 'Show the QR code inside the box, or use the scanner.',
  'scan.recent': 'Latest check-ins',
  'scan.noRecent': 'No check-ins yet.',
  'scan.today': "Today's classes",
  'scan.noSessions': 'No classes today.',
  'scan.registered': 'Registered',
  'scan.attended': 'Attended',
  'scan.capacity': 'Capacity',
  'scan.noLimit': 'no limit',
  'scan.demoSource': 'Demo camera',

  'camera.title': 'Camera problem',
  'camera.camera_not_found':
    'The camera cannot be found. Check that it is plugged in and pick it in Settings. Meanwhile, use the scanner or manual check-in (F2).',
  'camera.camera_permission_denied':
    'The system does not allow camera access. Grant Front Desk camera permission in the system settings, then reopen the app.',
  'camera.camera_busy':
    'Another application is using the camera. Close it; Front Desk will try again. Meanwhile, use the scanner or manual check-in (F2).',
  'camera.fallback': 'Check the camera in Settings. Meanwhile, use the scanner or manual check-in (F2).',
  'camera.openSettings': 'Open camera settings',

  'verdict.ok': 'Come in',
  'verdict.warn': 'Come in, with a warning',
  'verdict.refused': 'Not allowed in',
  'verdict.again': 'Already checked in: may go in',
  'verdict.unknownMember': 'Unknown person',
  'verdict.dismiss': 'Esc to close',
  'verdict.photo': 'Photo of {name}',
  'verdict.banner': 'Camera scan',
  'verdict.bannerDismiss': 'Close notice',
  'verdict.acknowledge': 'Press Esc or click to acknowledge',
  'verdict.bannerAck': 'Click to acknowledge the warning',
  'verdict.dataAsOf': 'data as of {time}',
  'verdict.dataAsOfDay': 'data as of {date}, {time}',

  'outcome.checked_in': 'Checked in',
  'outcome.already_checked_in': 'Already checked in to this class',
  'outcome.already_inside': 'Already inside: checked in a few minutes ago',
  'verdict.insideSince': 'Inside since {time}',
  'outcome.invalid_code': 'Invalid QR code',
  'outcome.not_a_member': 'Not a member of this gym',
  'outcome.no_class_now': 'No class is open for check-in right now',
  'outcome.session_not_found': 'Class not found in this gym',
  'outcome.session_cancelled': 'This class is cancelled',
  'outcome.outside_window': "Outside the class's check-in window (±30 minutes)",
  'outcome.membership_inactive': 'Membership not active: entry blocked',
  'outcome.alert_blocked': "Entry blocked by one of the gym's alerts",
  'outcome.save_failed': 'The check-in could not be saved. Please try again.',
  'db.damagedTitle': 'The desk database is damaged',
  'db.damagedBody': 'No check-in can be recorded until it is restored. The damaged file is kept aside.',
  'db.restore': 'Restore the latest automatic backup',
  'db.restoring': 'Restoring…',
  'db.noBackup': 'There are no automatic backups. Call the administrator (frontdesk restore).',

  'warning.no_stored_code': 'No stored code: accepted by member number alone',
  'warning.membership_inactive': 'Membership inactive',
  'warning.membership_expired': 'Membership expired',
  'warning.user_inactive': "The user's account is deactivated",
  'warning.hand_entry_needed':
    'Recorded here; GymAPI does not take a check-in with no booking once the class has started: it is to be recorded in GymAPI by hand (held in Sync)',
  'warning.override': 'Overridden by staff',
  'warning.override_detail': 'Overridden by staff: {refused}. Reason: {reason}',
  'warning.membership_expired_on': 'Membership expired on {date}',
  'warning.membership_expiring': 'Membership expires soon',
  'warning.membership_expiring_today': 'Membership expires today',
  'warning.membership_expiring_in': 'Membership expires in {days} {days|day|days}, on {date}',
  'warning.new_member': 'New member',
  'warning.new_member_since': 'New member: joined on {date}',
  'warning.birthday': "It's their birthday today!",
  'warning.desk_note': 'Desk note',
  'warning.desk_note_text': 'Desk note: {text}',
  'warning.stale_data': 'Data not refreshed lately: the membership may have changed',
  'warning.stale_data_since': 'Data not refreshed since {when}: the membership may have changed',

  'method.camera': 'Camera',
  'method.scanner': 'Scanner',
  'method.manual': 'Manual',
  'method.override': 'Override',

  'state.queued': 'Queued',
  'membership.paid': 'Paid',
  'membership.trial': 'Trial',
  'membership.free': 'Free',
  'membership.none': 'No membership',
  'state.sent': 'Sent',
  'state.parked': 'Parked',

  'status.scheduled': 'Scheduled',
  'status.in_progress': 'In progress',
  'status.completed': 'Finished',
  'status.cancelled': 'Cancelled',
  'class.unnamed': 'Class',

  'manual.title': 'Manual check-in',
  'manual.search': 'Search member',
  'manual.placeholder': 'Name, number or email',
  'manual.typeMore': 'Type at least 2 letters or a member number.',
  'manual.searching': 'Searching…',
  'manual.noResults': 'Nobody matches “{q}”.',
  'manual.results': '{n} {n|result|results}',
  'manual.active': 'Active membership',
  'manual.inactive': 'Inactive membership',
  'manual.noMembership': 'No membership',
  'manual.expires': 'expires {date}',
  'manual.expired': 'Expired membership',
  'manual.expiredOn': 'expired {date}',
  'manual.sessionsNow': 'Now and later',
  'manual.sessionsEarlier': 'Earlier today',
  'manual.memberId': 'No. {id}',
  'manual.session': 'Class',
  'manual.auto': 'Automatic (the class open now)',
  'manual.checkIn': 'Check in',
  'manual.change': 'Search for someone else',
  'manual.pick': 'Pick a person from the list.',
  'manual.override': 'Override',
  'manual.reason': 'Reason for the override (required)',
  'manual.reasonHelp': 'The override is recorded as such, with this reason.',
  'manual.confirmOverride': 'Confirm override',
  'manual.reasonRequired': 'Write the reason for the override.',

  'notes.title': 'Desk notes',
  'notes.none': 'No open notes for this person.',
  'notes.label': 'New note (shown on every check-in until cleared)',
  'notes.placeholder': 'For example: waiver not signed yet',
  'notes.add': 'Add note',
  'notes.clear': 'Clear note',
  'notes.clearLabel': 'Clear the note “{text}”',
  'notes.written': 'Written on {date} at {time}',
  'notes.writtenBy': 'Written on {date} at {time} by {staff}',
  'notes.localOnly': 'Notes stay on this desk: GymAPI has nowhere to keep them.',
  'notes.loading': 'Loading notes…',
  'notes.invalid_argument': 'Write a one-line note of 1 to 280 characters.',
  'notes.not_found': 'That note was already cleared.',
  'notes.failed': 'The notes could not be changed. Please try again.',
  'notes.loadFailed': "This person's notes could not be read.",

  'settings.title': 'Settings',
  'settings.cameraSection': 'Camera',
  'settings.camera': 'Camera',
  'settings.cameraDemo': 'Demo camera',
  'settings.cameraNone': 'None (barcode scanner only)',
  'settings.noCameras': 'No connected camera was found.',
  'settings.resolution': 'Resolution',
  'settings.mirrored': 'Mirror the image',
  'settings.serverSection': 'Central server',
  'settings.apiUrl': 'API URL',
  'settings.gymId': 'Gym number',
  'settings.token': 'Access token',
  'settings.tokenStored': 'Token stored in the system keyring. Leave empty to keep it.',
  'settings.tokenNone': 'No token stored.',
  'settings.tokenEnv': 'The token comes from FRONTDESK_TOKEN on this desk, which takes precedence over the keyring.',
  'settings.keyringUnavailable':
    'This desk has no system keyring (Secret Service): a token typed here cannot be kept. Set FRONTDESK_TOKEN (see the README).',
  'settings.deskSection': 'Desk',
  'settings.lang': 'Language',
  'settings.sound': 'Sound on every check-in',
  'settings.alertsSection': 'Alerts',
  'settings.alertsHelp': 'What the desk does with each alert:',
  'settings.level.allow': 'Allow',
  'settings.level.warn': 'Warn',
  'settings.level.block': 'Block',
  'settings.levelHelp.allow': 'Allow: in; the card stays green, with the alert as a note.',
  'settings.levelHelp.warn': 'Warn: in; the amber card stays until staff acknowledge it.',
  'settings.levelHelp.block': 'Block: not in (red card) unless staff override it with a reason.',
  'settings.alert.membership_inactive': 'Inactive membership',
  'settings.alert.membership_expired': 'Expired membership',
  'settings.alert.membership_expiring': 'Membership about to expire',
  'settings.alert.user_inactive': 'Deactivated user account',
  'settings.alert.no_stored_code': 'No stored code',
  'settings.alert.new_member': 'New member',
  'settings.alert.birthday': 'Birthday',
  'settings.alert.desk_note': 'Desk note',
  'settings.alert.stale_data': 'Data not refreshed',
  'settings.expiringDays': '"About to expire": days before the end (0 = off)',
  'settings.expiringRange': 'Enter a number of days from 0 to {max}.',
  'settings.newMemberDays': '"New member": days since joining (0 = off)',
  'settings.newMemberRange': 'Enter a number of days from 0 to {max}.',
  'settings.staleHours': '"Data not refreshed": hours without a download from the server',
  'settings.staleRange': 'Enter a number of hours from {min} to {max}.',
  'settings.rescan': 'Re-scan window (seconds)',
  'settings.rescanHelp': 'A second scan of the same person within this time is not counted twice.',
  'settings.rescanRange': 'Enter a number of seconds from 1 to 120.',
  'settings.alreadyInside': 'Already inside (minutes, 0 = off)',
  'settings.alreadyInsideHelp':
    'A member who checked in less than this many minutes ago and scans again is shown "already inside" instead of being checked into the next session of the same class (an hourly open gym, say).',
  'settings.alreadyInsideRange': 'Enter a number of minutes from 0 to {max}.',
  'settings.save': 'Save settings',
  'settings.saved': 'Settings saved.',
  'settings.connected': 'Settings saved. Connected to the server: downloading the gym…',
  'connect.offline': 'Could not reach the server. Check the address and the network; nothing was saved.',
  'connect.timeout': 'The server did not answer in time. Try again; nothing was saved.',
  'connect.unauthorized': 'The server refused the token. Check the token; nothing was saved.',
  'connect.forbidden': 'That token has no access to this gym. Check the gym number; nothing was saved.',
  'connect.not_found': 'The server does not know that gym or that address. Check both; nothing was saved.',
  'connect.bad_shape': 'That address answers, but it is not the gym API (is /api/v1 missing?). Nothing was saved.',
  'connect.config': 'Something needed to connect is missing (address, gym number and token). Nothing was saved.',
  'connect.server_error': 'The server had an error. Try later; nothing was saved.',
  'connect.keyring_unavailable': "The system keyring could not keep the token. Set FRONTDESK_TOKEN on this desk (see the README).",
  'settings.invalidUrl': 'The URL must start with http:// or https://',
  'settings.invalidNumber': 'Enter a valid whole number.',
  'settings.about': 'Version {version} · data in {dir}',
  'settings.logs': 'Logs in {dir}',
  'settings.diagnostics': 'Copy diagnostics',
  'settings.diagCopied': 'Diagnostics copied. Paste them into your message to support; they hold no token and no member codes.',
  'settings.diagSelect': 'Could not copy automatically: select the text below and copy it.',


  'reports.title': 'Reports',
  'reports.date': 'Day',
  'reports.preview': 'Report preview',
  'reports.export': 'Export {format}',
  'reports.exported': 'Saved to {path}',
  'reports.cancelled': 'Export cancelled: no file was saved.',
  'reports.errInUse': 'The file is open in another program (Excel?). Close it and export again; the old file is untouched.',
  'reports.errDiskFull': 'The disk is full: free some space and export again.',
  'reports.errBadPath': "That file cannot hold the report (it is the desk's database, or not a file): choose another.",
  'reports.errWrite': 'Could not save there: check that the folder exists and can be written to.',
  'reports.print': 'Print',
  'reports.loading': 'Preparing the report…',
  'reports.mode': 'Report for',
  'reports.modeDay': 'Day',
  'reports.modeRange': 'Period',
  'reports.from': 'From',
  'reports.to': 'To',
  'reports.quick': 'Quick periods',
  'reports.last7': 'Last 7 days',
  'reports.last30': 'Last 30 days',
  'reports.thisMonth': 'This month',
  'reports.errRangeEmpty': 'Choose the first and the last day of the period.',
  'reports.errRangeOrder': 'The period ends before it starts: choose a "To" day on or after the "From" day.',
  'reports.errRangeLong': 'A period covers at most {max} days and this one has {days}: shorten it.',
  'reports.errDates': 'The report does not take those dates: check the day or the period chosen.',
  'reports.noPreview': 'No preview until the period is valid.',
  ...STAFF_EN,
  ...KIOSK_EN,
};

export const DICTS: Record<Lang, Record<Key, string>> = { es, en };

/** Language names are shown in their own language, whatever the UI language is. */
export const LANG_NAMES: Record<Lang, string> = { es: 'Español', en: 'English' };

let current: Lang = 'es';

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang) {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** window_ready.lang if it is one we have, else the browser/OS locale, else Spanish. */
export function pickLang(appLang: string | null | undefined, navigatorLang?: string): Lang {
  for (const l of [appLang, navigatorLang]) {
    const s = (l ?? '').toLowerCase();
    if (s.startsWith('es')) return 'es';
    if (s.startsWith('en')) return 'en';
  }
  return 'es';
}

/**
 * The text of `key` in the desk's language with `{name}` filled in. `{n|one|other}` picks the
 * singular when the parameter `n` is 1 ("1 intento", "2 intentos").
 */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const s = DICTS[current][key] ?? DICTS.es[key] ?? key;
  return s
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, k: string, one: string, other: string) =>
      k in params ? (Number(params[k]) === 1 ? one : other) : m,
    )
    .replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

function lookup(key: string): string | undefined {
  return (DICTS[current] as Record<string, string>)[key];
}

/** Plain words for a verdict/check-in outcome code; the backend message for unknown codes. */
export function outcomeText(code: string, fallback?: string | null): string {
  return lookup(`outcome.${code}`) ?? fallback ?? code;
}

/**
 * Plain words for a warning, from its code and structured fields (never by parsing the
 * backend's message, which is kept only as the words for codes this UI does not know). Dates
 * and times are shown in the gym's zone `tz`. A bare code (a check-in row) or a warning
 * without its fields gets the code's plain words.
 */
export function warningText(w: VerdictWarning | string, tz?: string | null): string {
  const code = typeof w === 'string' ? w : w.code;
  const message = typeof w === 'string' ? '' : w.message;
  if (typeof w !== 'string') {
    const lang = current;
    if (code === 'override' && w.refused) {
      return t('warning.override_detail', { refused: outcomeText(w.refused, w.refused), reason: w.reason ?? '' });
    }
    if (code === 'membership_expired' && w.expired_at) {
      return t('warning.membership_expired_on', { date: w.expired_at.slice(0, 10) });
    }
    if (code === 'membership_expiring' && typeof w.days === 'number') {
      if (w.days === 0) return t('warning.membership_expiring_today');
      if (w.at) return t('warning.membership_expiring_in', { days: w.days, date: fmtDate(w.at, tz, lang) });
    }
    if (code === 'new_member' && w.at) return t('warning.new_member_since', { date: fmtDate(w.at, tz, lang) });
    if (code === 'desk_note' && w.text) return t('warning.desk_note_text', { text: w.text });
    if (code === 'stale_data' && w.at) {
      return t('warning.stale_data_since', { when: `${fmtDate(w.at, tz, lang)} ${fmtTime(w.at, tz, lang)}` });
    }
  }
  return lookup(`warning.${code}`) ?? (message || code);
}

/** Plain words for a camera error code, saying what to do next. */
/** Why Settings could not connect (a sync error code), in the desk's language; null for other codes. */
export function connectErrorText(code: string): string | null {
  return lookup(`connect.${code}`) ?? null;
}

export function cameraErrorText(code: string): string {
  return lookup(`camera.${code}`) ?? t('camera.fallback');
}

/** Translated label of an enum-like value (method, sync state, session status). */
export function label(prefix: 'method' | 'state' | 'status' | 'membership' | 'sync.stage' | 'role', value: string): string {
  return lookup(`${prefix}.${value}`) ?? value;
}
