import type { Locale } from './auth.ts';
import type { ErrorBody, ErrorCode, ErrorParams, FieldProblem, ProblemCode } from './errors.ts';
import { fillTemplate } from './template.ts';

/**
 * Every error and field problem said in Swedish and English, from its code and params: the
 * server writes the English into `message` (logs, API clients), the web and the CLI show the
 * user's language. A code without both texts does not compile.
 */
type Texts = Readonly<Record<Locale, string>>;

/** The objects an error can be about, as a sentence names them. */
export const THINGS = {
  programme: { sv: 'Programmet', en: 'The programme' },
  unit: { sv: 'Enheten', en: 'The unit' },
  person: { sv: 'Personen', en: 'The person' },
  course: { sv: 'Kursen', en: 'The course' },
  module: { sv: 'Modulen', en: 'The module' },
  session: { sv: 'Tillfället', en: 'The session' },
  booking: { sv: 'Bokningen', en: 'The booking' },
  completion: { sv: 'Registreringen', en: 'The completion' },
  file: { sv: 'Filen', en: 'The file' },
  calendar: { sv: 'Kalendern', en: 'The calendar' },
  body: { sv: 'Det politiska organet', en: 'The political body' },
  office: { sv: 'Förvaltningen', en: 'The office' },
  parent: { sv: 'Den överordnade enheten', en: 'The parent unit' },
  employment: { sv: 'Anställningen', en: 'The employment' },
  seat: { sv: 'Uppdraget', en: 'The seat' },
  import: { sv: 'Importen', en: 'The import' },
  profile: { sv: 'Kolumnprofilen', en: 'The column profile' },
  account: { sv: 'Kontot', en: 'The account' },
  grant: { sv: 'Rollen', en: 'The role' },
  route: { sv: 'Adressen', en: 'The address' },
  municipality: { sv: 'Kommunen', en: 'The municipality' },
  mail: { sv: 'E-postmeddelandet', en: 'The mail' },
} as const satisfies Record<string, Texts>;
export type Thing = keyof typeof THINGS;

const ERRORS: Record<ErrorCode, Texts> = {
  validation_failed: {
    sv: 'Kontrollera uppgifterna: {problem}',
    en: 'The request is not valid: {problem}',
  },
  malformed_json: {
    sv: 'Förfrågan kunde inte läsas (ogiltig JSON).',
    en: 'The request body is not valid JSON.',
  },
  unsupported_media_type: {
    sv: 'Förfrågan skickades i ett format som inte tas emot ({accepted}).',
    en: 'Send the request body as {accepted}.',
  },
  payload_too_large: {
    sv: 'Det som skickades är för stort.',
    en: 'The request body is too large.',
  },
  unauthenticated: { sv: 'Du behöver logga in.', en: 'You need to sign in.' },
  session_expired: {
    sv: 'Din session har gått ut. Logga in igen.',
    en: 'Your session has expired. Sign in again.',
  },
  invalid_credentials: {
    sv: 'Fel användarnamn eller lösenord.',
    en: 'The username or password is wrong.',
  },
  tenant_required: {
    sv: 'Välj kommun för att logga in.',
    en: 'Choose your municipality to sign in.',
  },
  choose_tenant: {
    sv: 'Det finns flera kommuner ({codes}); välj en med --tenant KOD.',
    en: 'Several municipalities exist ({codes}); choose one with --tenant CODE.',
  },
  no_tenants: {
    sv: 'Det finns ingen kommun ännu; skapa en med `tryggve tenant create` eller `tryggve seed demo`.',
    en: 'There is no municipality yet; create one with `tryggve tenant create` or `tryggve seed demo`.',
  },
  data_dir_locked: {
    sv: 'Den inbyggda databasen i {dir} är redan öppen i en annan Tryggve-process (pid {pid}). Stoppa den först, eller använd PostgreSQL (DATABASE_URL) för att köra flera instanser.',
    en: 'The embedded database in {dir} is already open in another Tryggve process (pid {pid}). Stop that process first, or use PostgreSQL (DATABASE_URL) to run several instances.',
  },
  tenant_exists: {
    sv: 'Det finns redan en kommun med koden ”{code}”.',
    en: 'A municipality with code "{code}" already exists.',
  },
  too_many_attempts: {
    sv: 'För många misslyckade försök. Försök igen om {minutes} minuter.',
    en: 'Too many failed attempts. Try again in {minutes} minutes.',
  },
  forbidden: {
    sv: 'Du har inte behörighet till den här funktionen.',
    en: 'You do not have access to this function.',
  },
  not_found: { sv: '{thing} hittades inte.', en: '{thing} was not found.' },
  account_not_linked: {
    sv: 'Ditt konto är inte kopplat till en person i personalregistret.',
    en: 'Your account is not linked to a person.',
  },
  import_has_errors: {
    sv: 'Filen har {errors} fel; inget har ändrats.',
    en: 'The file has {errors} errors; nothing was applied.',
  },
  import_needs_confirmation: {
    sv: 'Importen skulle avsluta mer än 10 % av de aktiva anställningarna; bekräfta för att genomföra den.',
    en: 'The import would end more than 10 % of the active staff; confirm to apply.',
  },
  username_taken: {
    sv: 'Användarnamnet ”{username}” används redan.',
    en: 'The username "{username}" is already taken.',
  },
  own_account: {
    sv: 'Du kan inte stänga av ditt eget konto eller ta bort din egen administratörsroll; be en annan administratör.',
    en: 'You cannot disable your own account or withdraw your own administrator role; ask another administrator.',
  },
  last_administrator: {
    sv: 'Kommunen måste ha minst ett aktivt konto med rollen administratör; ge någon annan rollen först.',
    en: 'The municipality must keep at least one enabled administrator account; grant the role to someone else first.',
  },
  unit_not_empty: {
    sv: '{unit} har kvar {staff} anställningar och {children} öppna underenheter efter {date}; flytta eller avsluta dem först.',
    en: '{unit} still has {staff} employments and {children} open sub-units after {date}; move or end them first.',
  },
  cannot_split: {
    sv: 'Bara en person som är både anställd och förtroendevald kan delas upp.',
    en: 'Only a person who is both an employee and an elected official can be split.',
  },
  programme_ended: { sv: '{programme} har avslutats.', en: '{programme} has ended.' },
  already_pending: {
    sv: '{course} väntar redan på godkännande.',
    en: '{course} is already waiting for approval.',
  },
  already_completed: { sv: '{course} är redan genomförd.', en: '{course} is already completed.' },
  already_decided: {
    sv: 'Registreringen är redan beslutad.',
    en: 'The completion has already been decided.',
  },
  already_voided: {
    sv: 'Registreringen är redan makulerad.',
    en: 'The completion is already voided.',
  },
  not_qualified_trainer: {
    sv: '{person} är inte behörig utbildare i {programme}: registrera personen, eller låt hen gå utbildarkursen först.',
    en: '{person} is not a qualified trainer of {programme}: register them, or let them complete the trainer course first.',
  },
  undo_blocked: {
    sv: 'Importen kan inte ångras: något den skapade används nu på annat håll (till exempel ett konto kopplat till en ny person).',
    en: 'The import cannot be undone: something created by it is now used elsewhere (for example an account linked to a new person).',
  },
  internal_error: {
    sv: 'Något gick fel hos oss. Försök igen.',
    en: 'Something went wrong on our side.',
  },
  unavailable: {
    sv: 'Tjänsten är inte tillgänglig just nu. Försök igen om en stund.',
    en: 'The service is not available right now. Try again in a moment.',
  },
  session_cancelled: { sv: 'Tillfället är inställt.', en: 'The session is cancelled.' },
  session_started: { sv: 'Tillfället har redan börjat.', en: 'The session has already started.' },
  not_assigned: {
    sv: 'Kursen är inte tilldelad personen.',
    en: 'The course is not assigned to this person.',
  },
  not_open_to_unit: {
    sv: 'Tillfället är inte öppet för personens enhet; välj ett tillfälle för den enheten.',
    en: "The session is not open to the person's unit; choose a session for their unit.",
  },
  already_booked: {
    sv: 'Personen är redan bokad på tillfället.',
    en: 'The person is already booked on this session.',
  },
  overlapping_booking: {
    sv: 'Personen är redan bokad på ett annat tillfälle samtidigt.',
    en: 'The person is already booked on another session at the same time.',
  },
  after_cutoff: {
    sv: 'Bokningar kan avbokas fram till {hours} timmar före start. Kontakta utbildaren.',
    en: 'Bookings can be cancelled until {hours} hours before the start; ask the trainer.',
  },
  not_booked: {
    sv: '{person} är inte bokad på tillfället. Registrera hen som drop-in om hen var där.',
    en: '{person} is not booked on this session; record them as a walk-in.',
  },
  attendance_not_yet: {
    sv: 'Närvaro kan markeras först när tillfället har börjat.',
    en: 'Attendance can be recorded from the start of the session.',
  },
  not_session_trainer: {
    sv: 'Bara tillfällets utbildare och programmets ägare kan göra det.',
    en: 'Only the session’s trainers and the programme’s owners may do that.',
  },
  own_training: {
    sv: 'Ingen registrerar eller godkänner sin egen utbildning.',
    en: 'Nobody records or approves their own training.',
  },
  session_in_past: {
    sv: 'Ett tillfälle kan inte börja i det förflutna. Programmets ägare kan registrera ett redan genomfört tillfälle.',
    en: 'A session cannot start in the past. The programme’s owners may record a session already held.',
  },
};

const PROBLEMS: Record<ProblemCode, Texts> = {
  required: { sv: 'måste fyllas i', en: 'is required' },
  invalid_type: { sv: 'har fel typ av värde', en: 'has the wrong type of value' },
  too_short: {
    sv: 'måste vara minst {minimum} tecken',
    en: 'must be at least {minimum} characters',
  },
  too_long: { sv: 'får vara högst {maximum} tecken', en: 'must be at most {maximum} characters' },
  too_small: { sv: 'måste vara minst {minimum}', en: 'must be at least {minimum}' },
  too_big: { sv: 'får vara högst {maximum}', en: 'must be at most {maximum}' },
  invalid_format: { sv: 'har fel format ({format})', en: 'has the wrong format ({format})' },
  invalid_value: {
    sv: 'har ett värde som inte är tillåtet',
    en: 'has a value that is not allowed',
  },
  unknown_field: { sv: 'är inte ett känt fält', en: 'is not a known field' },
  invalid: { sv: 'är inte giltigt', en: 'is not valid' },
  invalid_text: {
    sv: 'innehåller tecken som inte kan sparas (NUL eller ett halvt teckenpar)',
    en: 'holds characters that cannot be stored (NUL or half of a surrogate pair)',
  },
  no_such: { sv: '{thing} finns inte', en: '{thing} does not exist' },
  no_such_code: {
    sv: '{thing} med koden ”{code}” finns inte',
    en: '{thing} with code "{code}" does not exist',
  },
  closed_or_missing: {
    sv: '{thing} finns inte eller är avslutad',
    en: '{thing} does not exist or is closed',
  },
  code_taken: { sv: 'koden ”{code}” används redan', en: 'the code "{code}" is already used' },
  ends_before_start: {
    sv: 'slutar ({end}) före start ({start})',
    en: 'ends ({end}) before it starts ({start})',
  },
  date_in_future: {
    sv: 'datumet {date} ligger i framtiden',
    en: 'the date {date} is in the future',
  },
  date_too_early: { sv: 'datumet ligger för långt tillbaka', en: 'the date is too far back' },
  outside_period: {
    sv: 'datumet {date} ligger utanför programperioden',
    en: 'the date {date} is outside the programme period',
  },
  cyclic_parent: {
    sv: '{unit} kan inte placeras under sig själv eller en egen underenhet',
    en: '{unit} cannot be placed under itself or one of its own sub-units',
  },
  root_unit: {
    sv: 'gäller inte kommunen själv',
    en: 'does not apply to the municipality itself',
  },
  not_assigned_to_you: {
    sv: '{course} är inte tilldelad dig',
    en: '{course} is not assigned to you',
  },
  course_locked: {
    sv: '{course} öppnas när {requires} är genomförd',
    en: '{course} opens when {requires} is completed',
  },
  trainer_course: {
    sv: '{course} är en utbildarkurs: programmets ägare registrerar sina utbildare',
    en: '{course} is a trainer course: the programme owner registers its trainers',
  },
  attended_course: {
    sv: '{course} genomförs genom närvaro, och utbildaren registrerar den',
    en: '{course} is completed by attending, and the trainer registers it',
  },
  web_course: {
    sv: '{course} genomförs på webben; tillfällen är för kurser med träffar och övningar',
    en: '{course} is completed on the web; sessions are for session courses and drills',
  },
  attest_required: {
    sv: 'intyga att du har genomfört kursen',
    en: 'confirm that you have completed the course',
  },
  certificate_required: {
    sv: '{course} kräver ett intyg (PDF eller bild)',
    en: '{course} needs a certificate (PDF or image)',
  },
  certificate_too_large: {
    sv: 'intyget är större än 10 MB',
    en: 'the certificate is larger than 10 MB',
  },
  certificate_type: {
    sv: 'intyget måste vara en PDF-, PNG- eller JPEG-fil (bedömt efter innehållet)',
    en: 'the certificate must be a PDF, PNG or JPEG file (judged by its content)',
  },
  not_in_programme: {
    sv: 'personen har ingen öppen tilldelning i programmet',
    en: 'the person has no open assignment in this programme',
  },
  own_training: {
    sv: 'ingen registrerar eller godkänner sin egen utbildning',
    en: 'nobody records or approves their own training',
  },
  no_module: { sv: '{course} har ingen modul {module}', en: '{course} has no module {module}' },
  trainer_required: { sv: 'ange minst en utbildare', en: 'name at least one trainer' },
  include_yourself: {
    sv: 'ta med dig själv bland utbildarna',
    en: 'include yourself among the trainers',
  },
  not_qualified: {
    sv: '{person} är inte behörig utbildare i {programme}',
    en: '{person} is not a qualified trainer of {programme}',
  },
  not_served: {
    sv: 'du är inte utbildare för {unit} i {programme}',
    en: 'you do not serve {unit} for {programme}',
  },
  session_too_long: {
    sv: 'ett tillfälle varar högst 12 timmar',
    en: 'a session lasts at most 12 hours',
  },
  below_bookings: {
    sv: 'kan inte vara färre än de {booked} som redan är bokade',
    en: 'cannot be below the {booked} people already booked',
  },
  no_place: { sv: 'ange en plats eller en länk', en: 'give a place or an online link' },
  not_yours_to_book: {
    sv: 'du kan boka dig själv och dem du har ansvar för',
    en: 'you may book yourself and the people you are responsible for',
  },
  out_of_scope: {
    sv: 'ligger utanför det du har behörighet för',
    en: 'is outside what you have access to',
  },
  registration_ended: {
    sv: 'registreringen skulle redan ha upphört',
    en: 'the registration would already have ended',
  },
  no_account: { sv: 'det finns inget konto ”{username}”', en: 'there is no account "{username}"' },
  may_not_own: {
    sv: '”{username}” har ingen roll som får äga program; en administratör ger rollen',
    en: '"{username}" holds no role that may own programmes; an administrator grants it',
  },
  used_twice: { sv: 'koden ”{code}” används två gånger', en: 'the code "{code}" is used twice' },
  not_a_course: {
    sv: '”{code}” är inte en kurs i programmet',
    en: '"{code}" is not a course of this programme',
  },
  prerequisite_level: {
    sv: '{course} (nivå {level}) kan inte kräva {required} (nivå {requiredLevel}): förkunskaper kommer från lägre nivåer',
    en: '{course} (level {level}) cannot require {required} (level {requiredLevel}): prerequisites come from lower levels',
  },
  trainer_course_target: {
    sv: '”{code}” är en utbildarkurs: mål räknar målgruppens kurser',
    en: '"{code}" is a trainer course: targets count the audience\'s courses',
  },
  course_in_use: {
    sv: 'kurskoden ”{code}” används redan av ett annat program',
    en: 'the course code "{code}" is already used by another programme',
  },
  course_has_completions: {
    sv: 'kursen ”{code}” har {count} registreringar och kan inte tas bort ur programmet',
    en: 'the course "{code}" has {count} completions and cannot be removed from the programme',
  },
  due_before_start: {
    sv: 'sista datum ligger före programmets start',
    en: 'the due date is before the programme starts',
  },
  choose_unit: { sv: 'välj en enhet', en: 'choose a unit' },
  tenant_code: {
    sv: 'koden måste vara 2–40 tecken: a–z, 0–9 och -, och börja med en bokstav eller siffra',
    en: 'the code must be 2-40 characters: a-z, 0-9 and -, starting with a letter or digit',
  },
  username_format: {
    sv: 'använd 2–200 tecken: a–z, 0–9 och . _ @ -',
    en: 'use 2-200 characters: a-z, 0-9 and . _ @ -',
  },
  password_too_short: {
    sv: 'måste vara minst {minimum} tecken',
    en: 'must be at least {minimum} characters',
  },
  role_needs_scope: {
    sv: 'rollen {role} behöver koden för {thing} den gäller',
    en: 'the {role} role needs the code of the {thing} it covers',
  },
  needs_unit: { sv: 'välj den enhet rollen gäller', en: 'choose the unit the role covers' },
  needs_body: {
    sv: 'välj det politiska organ rollen gäller',
    en: 'choose the political body the role covers',
  },
  scope_not_allowed: {
    sv: 'den här rollen kan inte avgränsas så',
    en: 'this role cannot be limited this way',
  },
  one_scope_only: {
    sv: 'välj en enhet eller ett politiskt organ, inte båda',
    en: 'choose a unit or a political body, not both',
  },
  grant_exists: {
    sv: 'kontot har redan den rollen med den avgränsningen',
    en: 'the account already has this role with this scope',
  },
  person_has_account: {
    sv: 'personen har redan kontot ”{username}”',
    en: 'the person already has the account "{username}"',
  },
  mapping_not_object: {
    sv: 'kolumnmappningen ska vara fält → rubrik',
    en: 'the column mapping must be an object of field → header',
  },
  unknown_import_field: {
    sv: '”{field}” är inte ett fält i en import av {kind}; använd {known}',
    en: '"{field}" is not a field of a {kind} import; use {known}',
  },
  import_kind: {
    sv: 'okänd typ av import ”{kind}”; använd {known}',
    en: 'unknown import kind "{kind}"; use {known}',
  },
  not_json: { sv: 'är inte giltig JSON', en: 'is not valid JSON' },
  empty: { sv: 'är tom', en: 'is empty' },
  not_a_date: {
    sv: '”{value}” är inte ett datum; skriv ÅÅÅÅ-MM-DD',
    en: '"{value}" is not a date; write it as YYYY-MM-DD',
  },
  no_such_date: {
    sv: '{value} finns inte i kalendern',
    en: '{value} does not exist in the calendar',
  },
  not_yes_no: {
    sv: '”{value}” är inte ja eller nej; använd ja/nej, 1/0 eller x',
    en: '"{value}" is not yes or no; use ja/nej, yes/no, 1/0 or x',
  },
  not_an_email: {
    sv: '”{value}” är inte en e-postadress',
    en: '"{value}" is not an e-mail address',
  },
  column_ambiguous: {
    sv: 'två kolumner kan innehålla {field}: {headers}. Ta bort en eller använd en kolumnprofil',
    en: 'two columns could hold {field}: {headers}. Remove one or use a mapping profile',
  },
  column_missing: {
    sv: 'kolumnen för {field} saknas (till exempel {example})',
    en: 'the column for {field} is missing (for example {example})',
  },
  no_person_column: {
    sv: 'filen behöver en kolumn som anger personen: anställningsnummer, uppdragsnummer eller e-post',
    en: 'the file needs a column that names the person: employee id, official id or e-mail',
  },
  names_nobody: {
    sv: 'raden anger ingen person: ange anställningsnummer, uppdragsnummer eller e-post',
    en: 'the row names nobody: give an employee id, official id or e-mail',
  },
  no_match: { sv: 'ingen person med ”{value}”', en: 'nobody with "{value}"' },
  several_matches: {
    sv: '{count} personer har e-postadressen ”{value}”; ange anställningsnummer',
    en: '{count} people have the e-mail "{value}"; give the employee id',
  },
  same_person_again: {
    sv: 'samma person finns redan på rad {row}',
    en: 'the same person is already on row {row}',
  },
  id_again: {
    sv: 'id ”{value}” förekommer igen (först på rad {row})',
    en: 'the id "{value}" appears again (first on row {row})',
  },
  empty_file: {
    sv: 'filen är tom: den har varken rubrikrad eller data',
    en: 'the file is empty: it has no header row and no data',
  },
  no_data_rows: {
    sv: 'filen har en rubrikrad men inga datarader',
    en: 'the file has a header row but no data rows',
  },
  too_many_rows: {
    sv: 'filen har fler än {maximum} rader; ingen kommun har så många. Kontrollera att det är rätt fil',
    en: 'the file has more than {maximum} rows; no municipality has that many. Check that it is the right file',
  },
  unreadable_file: {
    sv: 'filen kunde inte läsas som {format}: {reason}',
    en: 'the file could not be read as {format}: {reason}',
  },
  file_too_large: {
    sv: '{part} är större än {maximum} MB; dela upp filen eller spara den som CSV',
    en: '{part} is larger than {maximum} MB; split the file or save it as CSV',
  },
  mixed_encoding: {
    sv: 'filen blandar teckenkodningar; spara den igen som UTF-8 eller som CSV från Excel',
    en: 'the file mixes text encodings; save it again as UTF-8 or as CSV from Excel',
  },
  truncated_text: {
    sv: 'filen slutar mitt i ett tecken: den är avkortad eller inte UTF-8',
    en: 'the file ends in the middle of a character: it is truncated or not UTF-8',
  },
  row_too_long: {
    sv: 'raden är längre än {maximum} tecken; kontrollera att filen är en tabell',
    en: 'the row is longer than {maximum} characters; check that the file is a table',
  },
  cell_too_long: {
    sv: 'cellen har {length} tecken; högst {maximum} får plats',
    en: 'the cell has {length} characters; at most {maximum} fit',
  },
  parent_missing: {
    sv: 'den överordnade enheten ”{code}” finns inte',
    en: 'the parent unit "{code}" does not exist',
  },
  parent_cycle: {
    sv: 'enheterna bildar en slinga: {codes}',
    en: 'the units form a loop: {codes}',
  },
  unit_kind: {
    sv: '”{value}” är inte en enhetstyp; använd {known}',
    en: '"{value}" is not a kind of unit; use {known}',
  },
  unknown_unit: {
    sv: 'okänd enhetskod ”{code}”: importera enheterna först eller rätta koden',
    en: 'unknown unit code "{code}": import the units first or correct the code',
  },
  audience_course_missing: {
    sv: 'programmet behöver minst en kurs för målgruppen, inte bara utbildarkurser',
    en: 'the programme needs at least one course for its audience, not only trainer courses',
  },
  body_unknown: {
    sv: 'det politiska organet ”{code}” finns inte',
    en: 'there is no political body "{code}"',
  },
  seat_role: {
    sv: '”{value}” är inte en uppdragsroll; använd {known}',
    en: '"{value}" is not a seat role; use {known}',
  },
  double_encoded: {
    sv: '”{value}” ser dubbelkodad ut (Ã¥ i stället för å); spara filen som UTF-8 igen',
    en: '"{value}" looks double-encoded (Ã¥ instead of å); save the file as UTF-8 again',
  },
};

/** What the fields are called in the forms, by their last name in the path. */
const FIELDS: Record<string, Texts> = {
  username: { sv: 'Användarnamn', en: 'Username' },
  password: { sv: 'Lösenord', en: 'Password' },
  tenant: { sv: 'Kommun', en: 'Municipality' },
  name: { sv: 'Namn', en: 'Name' },
  code: { sv: 'Kod', en: 'Code' },
  firstName: { sv: 'Förnamn', en: 'First name' },
  lastName: { sv: 'Efternamn', en: 'Last name' },
  email: { sv: 'E-post', en: 'E-mail' },
  title: { sv: 'Befattning', en: 'Title' },
  parentId: { sv: 'Överordnad enhet', en: 'Parent unit' },
  unitId: { sv: 'Enhet', en: 'Unit' },
  bodyId: { sv: 'Politiskt organ', en: 'Political body' },
  officeIds: { sv: 'Förvaltning', en: 'Office' },
  startDate: { sv: 'Startdatum', en: 'Start date' },
  endDate: { sv: 'Slutdatum', en: 'End date' },
  termStart: { sv: 'Mandatperiodens start', en: 'Start of term' },
  termEnd: { sv: 'Mandatperiodens slut', en: 'End of term' },
  validTo: { sv: 'Gäller till', en: 'Valid to' },
  courseId: { sv: 'Kurs', en: 'Course' },
  personId: { sv: 'Person', en: 'Person' },
  completedOn: { sv: 'Genomförd den', en: 'Completed on' },
  note: { sv: 'Kommentar', en: 'Note' },
  reason: { sv: 'Skäl', en: 'Reason' },
  cadence: { sv: 'Hur ofta', en: 'How often' },
  digestHour: { sv: 'Klockslag', en: 'Hour' },
  digestWeekday: { sv: 'Veckodag', en: 'Weekday' },
  quietFrom: { sv: 'Tyst från', en: 'Quiet from' },
  quietTo: { sv: 'Tyst till', en: 'Quiet to' },
  dailyCap: { sv: 'Högst antal e-post per dag', en: 'Most e-mails a day' },
  upTo: { sv: 'Till och med', en: 'Up to' },
  certificate: { sv: 'Intyg', en: 'Certificate' },
  attest: { sv: 'Intygande', en: 'Attestation' },
  startsAt: { sv: 'Starttid', en: 'Start time' },
  endsAt: { sv: 'Sluttid', en: 'End time' },
  capacity: { sv: 'Antal platser', en: 'Seats' },
  place: { sv: 'Plats', en: 'Place' },
  onlineUrl: { sv: 'Länk', en: 'Online link' },
  moduleCode: { sv: 'Modul', en: 'Module' },
  trainerPersonIds: { sv: 'Utbildare', en: 'Trainers' },
  openUnitIds: { sv: 'Öppet för', en: 'Open to' },
  unitIds: { sv: 'Enheter', en: 'Units' },
  validUntil: { sv: 'Giltig till', en: 'Valid until' },
  mapping: { sv: 'Kolumnmappning', en: 'Column mapping' },
  owners: { sv: 'Ägare', en: 'Owners' },
  period: { sv: 'Programperiod', en: 'Programme period' },
  decision: { sv: 'Beslut', en: 'Decision' },
  due: { sv: 'Sista datum', en: 'Due date' },
  courses: { sv: 'Kurser', en: 'Courses' },
  targets: { sv: 'Mål', en: 'Targets' },
  requires: { sv: 'Förkunskaper', en: 'Prerequisites' },
  by: { sv: 'Måldatum', en: 'Target date' },
  q: { sv: 'Sökord', en: 'Search' },
  displayName: { sv: 'Namn', en: 'Name' },
  role: { sv: 'Roll', en: 'Role' },
  scopeUnitId: { sv: 'Enhet', en: 'Unit' },
  scopeBodyId: { sv: 'Politiskt organ', en: 'Political body' },
  unit: { sv: 'Enhet', en: 'Unit' },
};

/** Fills `{name}` from params; a thing's key becomes its name in the locale. */
export function fill(template: string, params: ErrorParams | undefined, locale: Locale): string {
  const named = Object.fromEntries(
    Object.entries(params ?? {}).map(([key, value]) => [
      key,
      key === 'thing' && typeof value === 'string' && value in THINGS
        ? THINGS[value as Thing][locale]
        : value,
    ]),
  );
  return fillTemplate(template, named, locale);
}

/**
 * The field as the user knows it: a request field by its form label (`body.completedOn` →
 * "Genomförd den"); a path into a file (a programme file's `decision.body`) as it is written.
 */
export function fieldLabel(path: string, locale: Locale): string {
  const parts = path.split('.').filter((part) => !/^\d+$/.test(part));
  if (!['body', 'querystring', 'params'].includes(parts[0] ?? '') || parts.length < 2) return path;
  const last = parts[parts.length - 1] ?? path;
  return FIELDS[last]?.[locale] ?? last;
}

export function problemText(problem: Pick<FieldProblem, 'code' | 'params'>, locale: Locale) {
  return fill(PROBLEMS[problem.code][locale], problem.params, locale);
}

/** "Slutdatum: slutar (…) före start (…)". */
export function describeProblem(
  problem: Pick<FieldProblem, 'path' | 'code' | 'params'>,
  locale: Locale,
) {
  const text = problemText(problem, locale);
  return problem.path ? `${fieldLabel(problem.path, locale)}: ${text}` : text;
}

const isProblemList = (details: unknown): details is FieldProblem[] =>
  Array.isArray(details) &&
  details.every((d) => typeof d === 'object' && d !== null && 'code' in d && 'path' in d);

/** The whole refusal in one sentence for the user, from the code, params and field problems. */
export function describeError(error: ErrorBody['error'], locale: Locale): string {
  if (error.code === 'validation_failed' && isProblemList(error.details)) {
    const [first, ...rest] = error.details;
    if (!first) return fill(ERRORS.validation_failed[locale], { problem: '' }, locale);
    const more = rest.length
      ? locale === 'sv'
        ? ` (och ${rest.length} till)`
        : ` (and ${rest.length} more)`
      : '';
    return fill(
      ERRORS.validation_failed[locale],
      { problem: describeProblem(first, locale) + more },
      locale,
    );
  }
  return fill(ERRORS[error.code][locale], error.params, locale);
}

/** The English message the server puts in an error body. */
export function englishMessage(code: ErrorCode, params: ErrorParams = {}): string {
  return fill(ERRORS[code].en, params, 'en');
}

export function englishProblem(code: ProblemCode, params: ErrorParams = {}): string {
  return fill(PROBLEMS[code].en, params, 'en');
}
