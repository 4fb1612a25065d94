import PDFDocument from 'pdfkit';
import type { SessionDetail } from '../../../contracts/sessions.ts';

const time = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'full',
  timeStyle: 'short',
});
const clock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  timeStyle: 'short',
});

/** Blank rows at the end of the list, for walk-ins to write their names. */
const WALK_IN_ROWS = 5;

/**
 * A printable attendance list for a session held on paper: the booked participants (not the
 * queue) with a box to tick and a line to sign, and blank rows for walk-ins. Registered
 * afterwards on the session's attendance screen.
 */
export function attendancePdf(session: SessionDetail): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Närvarolista – ${session.course.name}`, Creator: 'Tryggve' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const title = session.module
    ? `${session.course.name} – ${session.module.name}`
    : session.course.name;
  doc.font('Helvetica-Bold').fontSize(16).text(`Närvarolista: ${title}`);
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(session.programme.name)
    .text(`${time.format(new Date(session.startsAt))}–${clock.format(new Date(session.endsAt))}`)
    .text(`Plats: ${session.place ?? session.onlineUrl ?? ''}`)
    .text(`Utbildare: ${session.trainers.map((t) => t.name).join(', ')}`);
  doc.moveDown();

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const columns = { box: left, name: left + 24, unit: left + 200, sign: left + 340 };
  const rowHeight = 26;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(9);
    const y = doc.y;
    doc.text('Närv.', columns.box, y, { width: 24 });
    doc.text('Namn', columns.name, y);
    doc.text('Enhet', columns.unit, y);
    doc.text('Namnteckning', columns.sign, y);
    doc
      .moveTo(left, doc.y + 4)
      .lineTo(left + width, doc.y + 4)
      .stroke();
    doc.y += 8;
    doc.font('Helvetica').fontSize(10);
  };
  header();
  const rows = [
    ...session.participants
      .filter((p) => p.status === 'booked')
      .map((p) => ({ name: p.name, unit: p.units.join(', ') })),
    ...Array.from({ length: WALK_IN_ROWS }, () => ({ name: '', unit: '' })),
  ];
  for (const row of rows) {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.rect(columns.box + 2, y + 2, 12, 12).stroke();
    doc.text(row.name, columns.name, y + 3, { width: 170, lineBreak: false, ellipsis: true });
    doc.text(row.unit, columns.unit, y + 3, { width: 135, lineBreak: false, ellipsis: true });
    doc
      .moveTo(columns.sign, y + rowHeight - 6)
      .lineTo(left + width, y + rowHeight - 6)
      .stroke();
    doc.y = y + rowHeight;
  }
  doc.moveDown();
  doc
    .fontSize(8)
    .text(
      'Registrera närvaron i Tryggve efter tillfället (Tillfällen → tillfället → Närvaro). Den som saknar bokning registreras som drop-in.',
      left,
      doc.y,
      { width },
    );
  doc.end();
  return done;
}
