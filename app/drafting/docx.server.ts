/**
 * Writes a draft as a Word document in the layout of United Nations documents: the symbol
 * and date placeholders, distribution line, Commission, title, "Report of the
 * Secretary-General", headings, numbered paragraphs, tables, a footnote on the mandate and
 * the pillar charts as PNG. The internal version carries every generated sentence's
 * provenance as a Word comment and says "internal" in the header of every page; the public
 * version carries no comment.
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ICommentOptions,
  type ParagraphChild,
} from "docx";
import type { DraftSentence } from "#db/schema/drafts.ts";
import type { ChartImage } from "#app/drafting/chart-png.server.tsx";
import { LANGUAGE_NAMES, type UiLanguage } from "#app/utils/i18n.ts";

export interface DocSection {
  key: string;
  level: number;
  heading: string;
  sentences: DraftSentence[];
  /** The secretariat's text (paragraphs separated by blank lines); null = as generated. */
  text: string | null;
  chart?: (ChartImage & { alt: string; title: string }) | null;
  table?: { group: string; count: number; states: string[] }[];
  blank?: boolean;
}

export interface DocModel {
  lang: string;
  version: "internal" | "public";
  title: string;
  /** Under the title: "Report of the Secretary-General", or the meeting of a meeting pack. */
  subtitle: string;
  cycleTitle: string;
  cycleId: number;
  sections: DocSection[];
  /** Meeting packs: key figures table and methodology note at the end. */
  keyFigures?: { label: string; value: string }[];
  methodology?: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

export interface DocStats {
  sections: number;
  sentences: number;
  figures: number;
  images: number;
}

const FONT: Record<string, string> = { ar: "Noto Naskh Arabic", zh: "Noto Sans CJK SC" };

/** Paragraphs of an edited text: blank lines separate them. */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

export function provenanceText(s: DraftSentence, model: Pick<DocModel, "t" | "cycleTitle">): string {
  const t = model.t;
  return t("drafting.t.provenance", {
    cycle: model.cycleTitle,
    questions: s.questions.length ? s.questions.join(", ") : "—",
    filter: s.filter.description,
    figures: s.figures.length ? s.figures.map((f) => t("drafting.t.figure", { label: f.label, n: f.numerator, den: f.denominator })).join("; ") : "—",
  });
}

export async function buildDocx(model: DocModel): Promise<{ buffer: Buffer; stats: DocStats }> {
  const t = model.t;
  const rtl = model.lang === "ar";
  const font = FONT[model.lang] ?? "Times New Roman";
  const internal = model.version === "internal";
  const comments: ICommentOptions[] = [];
  const stats: DocStats = { sections: 0, sentences: 0, figures: 0, images: 0 };
  const run = (text: string, extra: Record<string, unknown> = {}) => new TextRun({ text, rightToLeft: rtl, font, ...extra });
  const para = (children: ParagraphChild[], extra: Record<string, unknown> = {}) => new Paragraph({ children, bidirectional: rtl, spacing: { after: 120 }, ...extra });
  const numbered = { numbering: { reference: "un-paragraphs", level: 0 } };

  const comment = (text: string): number => {
    const id = comments.length;
    comments.push({ id, author: "Kyoto Reporting", initials: "KR", date: new Date(), children: [new Paragraph({ children: [new TextRun(text)] })] });
    return id;
  };
  /** A sentence's runs: with its provenance comment around it in the internal version. */
  const sentenceRuns = (s: DraftSentence, text: string): ParagraphChild[] => {
    stats.sentences++;
    stats.figures += s.figures.length;
    if (!internal) return [run(text)];
    const id = comment(provenanceText(s, model));
    return [new CommentRangeStart(id), run(text), new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
  };

  const body: (Paragraph | Table)[] = [];
  // UN document front matter.
  body.push(para([run(t("drafting.t.distribution"), { size: 18 })], { alignment: AlignmentType.END, spacing: { after: 0 } }));
  body.push(para([run(t("drafting.t.datePlaceholder"), { size: 18 })], { alignment: AlignmentType.END, spacing: { after: 0 } }));
  body.push(para([run(`${LANGUAGE_NAMES[model.lang as UiLanguage] ?? model.lang}`, { size: 18 })], { alignment: AlignmentType.END, spacing: { after: 240 } }));
  body.push(para([run(t("drafting.t.commission"), { bold: true })]));
  body.push(para([run(model.title, { bold: true, size: 34 })], { heading: HeadingLevel.TITLE, spacing: { before: 240, after: 240 } }));
  body.push(para([run(model.subtitle, { bold: true, size: 26 })], { spacing: { after: 360 } }));

  for (const section of model.sections) {
    stats.sections++;
    const heading = section.level === 1 ? HeadingLevel.HEADING_1 : section.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    body.push(para([run(section.heading, { bold: true })], { heading, keepNext: true }));
    if (section.text !== null) {
      // Edited: the secretariat's words; the internal version keeps what the section's figures were.
      const paragraphs = textParagraphs(section.text);
      paragraphs.forEach((p, i) => {
        let children: ParagraphChild[] = [run(p)];
        if (internal && i === 0 && section.sentences.some((s) => s.figures.length > 0)) {
          const id = comment(section.sentences.filter((s) => s.figures.length > 0).map((s) => provenanceText(s, model)).join("\n"));
          children = [new CommentRangeStart(id), run(p), new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
        }
        body.push(para(children, numbered));
      });
      stats.figures += section.sentences.reduce((a, s) => a + s.figures.length, 0);
    } else if (section.blank) {
      body.push(para([run(t("drafting.t.blank"), { italics: true })], numbered));
    } else {
      // One numbered paragraph of the generated sentences; each quote is a paragraph of its own.
      let current: ParagraphChild[] = [];
      const flush = () => {
        if (current.length) body.push(para(current, numbered));
        current = [];
      };
      let footnoted = false;
      for (const s of section.sentences) {
        if (s.quote) {
          flush();
          stats.sentences++;
          const who = s.quote.state ?? t("drafting.t.quoteAnonymous");
          const marks = [t("drafting.t.originalIn", { lang: LANGUAGE_NAMES[s.quote.lang as UiLanguage] ?? s.quote.lang })];
          if (internal && s.quote.disclosure === "secretariat") marks.push(t("drafting.t.secretariatOnly"));
          if (internal && s.quote.disclosure === "commission") marks.push(t("drafting.t.commissionOnly"));
          const runs: ParagraphChild[] = [run(`“${s.text}” `, { italics: true }), run(`(${who}; ${marks.join("; ")})`)];
          const children = internal ? (() => {
            const id = comment(provenanceText(s, model));
            return [new CommentRangeStart(id), ...runs, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
          })() : runs;
          body.push(para(children, { indent: { start: 1134, end: 567 } }));
          continue;
        }
        if (current.length) current.push(run(" "));
        current.push(...sentenceRuns(s, s.text));
        if (section.key === "intro" && !footnoted) {
          current.push(new FootnoteReferenceRun(1));
          footnoted = true;
        }
      }
      flush();
    }
    if (section.chart) {
      stats.images++;
      const width = 600;
      const height = Math.round((section.chart.height / section.chart.width) * width);
      body.push(para([run(t("drafting.t.figureCaption", { title: section.chart.title }), { bold: true, size: 20 })], { keepNext: true }));
      body.push(
        para([
          new ImageRun({
            type: "png",
            data: section.chart.png,
            transformation: { width, height },
            altText: { name: `chart-${section.key}`, title: section.chart.title, description: section.chart.alt },
          }),
        ]),
      );
    }
    if (section.table) {
      body.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          visuallyRightToLeft: rtl,
          rows: [
            ...section.table.map(
              (row) =>
                new TableRow({
                  cantSplit: false,
                  children: [
                    new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [para([run(`${row.group} (${new Intl.NumberFormat(model.lang).format(row.count)})`, { bold: true })])] }),
                    new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [para([run(row.states.join(", ") || "—")])] }),
                  ],
                }),
            ),
          ],
        }),
      );
    }
  }

  if (model.keyFigures?.length) {
    body.push(para([run(t("drafting.t.keyFigures"), { bold: true })], { heading: HeadingLevel.HEADING_1 }));
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        visuallyRightToLeft: rtl,
        rows: model.keyFigures.map((f) => new TableRow({ children: [new TableCell({ children: [para([run(f.label)])] }), new TableCell({ children: [para([run(f.value)])] })] })),
      }),
    );
  }
  if (model.methodology) {
    body.push(para([run(t("drafting.t.methodology"), { bold: true })], { heading: HeadingLevel.HEADING_1 }));
    body.push(para([run(model.methodology)], numbered));
  }

  const headerLines = [t("drafting.t.symbol")];
  if (internal) headerLines.unshift(t("drafting.t.internalMark"));
  const doc = new Document({
    creator: "Kyoto Reporting",
    title: model.title,
    description: internal ? t("drafting.t.internalMark") : model.subtitle,
    styles: { default: { document: { run: { font, size: 22 } } } },
    numbering: {
      config: [
        {
          reference: "un-paragraphs",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START, style: { paragraph: { indent: { start: 567, hanging: 567 } } } }],
        },
      ],
    },
    comments: { children: comments },
    footnotes: { 1: { children: [new Paragraph({ children: [new TextRun({ text: t("drafting.t.footnoteMandate"), rightToLeft: rtl })], bidirectional: rtl })] } },
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1247, right: 1247 } } },
        headers: {
          default: new Header({
            children: headerLines.map((line, i) => new Paragraph({ bidirectional: rtl, alignment: i === headerLines.length - 1 ? AlignmentType.END : AlignmentType.CENTER, children: [new TextRun({ text: line, bold: internal && i === 0, color: internal && i === 0 ? "B00020" : undefined, size: 18, rightToLeft: rtl })] })),
          }),
        },
        children: body,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return { buffer, stats };
}
