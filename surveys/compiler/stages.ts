/**
 * Anchored stages, asked once per element (issue 12, item 2).
 *
 * Where the common set asked one six-level "status" per paragraph, the `stage` template asks, for
 * each distinct action of a paragraph (its curated `elements`, or the paragraph itself when it has
 * none), at what stage that action is, on a scale whose every answer has a written definition
 * shown under it as a hint. "Not applicable" asks for a short reason.
 *
 * A paragraph whose leading verb is not an action ("Recognize…", "Examine trends…") cannot be "in
 * operation": it gets a fitting yes / partially / no / not known question instead, chosen by
 * `measureFor` from its wording unless the supplement names one (`measure`).
 *
 * Pure and browser-safe.
 */
import type { Element, Label, Option, RecordField } from "../schema.ts";
import { label6, withSubject } from "./labels.ts";
import type { QuestionDraft } from "./templates.ts";

/** The stages, from nothing to evaluated, then the two answers outside the scale. */
export const STAGES = ["no_action", "planned", "adopted", "in_operation", "evaluated"] as const;
export const STAGE_OUTSIDE = ["not_applicable", "not_known"] as const;
export type Stage = (typeof STAGES)[number] | (typeof STAGE_OUTSIDE)[number];

/** The longest reason a State may give for "not applicable": a short text. */
export const NA_REASON_MAX_LENGTH = 500;

function stage(value: Stage, label: Label, hint: Label): Option {
  return { value, label, hint };
}

export const STAGE_OPTIONS: readonly Option[] = [
  stage(
    "no_action",
    label6("No action planned", "Aucune mesure prévue", "Ninguna medida prevista", "Меры не планируются", "未计划采取行动", "لا يُعتزم اتخاذ أي إجراء"),
    label6(
      "No measure for this action is in force, being prepared or decided on.",
      "Aucune mesure relative à cette action n'est en vigueur, en préparation ou décidée.",
      "No hay ninguna medida relativa a esta acción en vigor, en preparación ni decidida.",
      "Меры по этому направлению не действуют, не разрабатываются и не предусмотрены принятыми решениями.",
      "没有针对这一行动的任何措施已生效、正在制定或已作出决定。",
      "لا يوجد أي تدبير بشأن هذا الإجراء نافذ أو قيد الإعداد أو مقرَّر.",
    ),
  ),
  stage(
    "planned",
    label6("Planned", "Prévue", "Prevista", "Запланировано", "已计划", "مخطط له"),
    label6(
      "A measure has been decided on or is being prepared (a draft law, policy or plan, or a budget request), but it has not been adopted.",
      "Une mesure a été décidée ou est en préparation (projet de loi, de politique ou de plan, ou demande budgétaire), mais elle n'a pas été adoptée.",
      "Se ha decidido o se está preparando una medida (proyecto de ley, de política o de plan, o solicitud presupuestaria), pero no se ha adoptado.",
      "Мера предусмотрена решением или разрабатывается (законопроект, проект политики или плана, бюджетная заявка), но ещё не принята.",
      "已决定采取或正在制定一项措施（法律、政策或计划草案，或预算申请），但尚未通过。",
      "تقرَّر اتخاذ تدبير أو يجري إعداده (مشروع قانون أو سياسة أو خطة، أو طلب ميزانية)، لكنه لم يُعتمد بعد.",
    ),
  ),
  stage(
    "adopted",
    label6(
      "Adopted in law or policy",
      "Adoptée dans la loi ou une politique",
      "Adoptada en la ley o en una política",
      "Закреплено в законе или политике",
      "已通过法律或政策",
      "اعتُمد في قانون أو سياسة",
    ),
    label6(
      "A law, regulation, policy, strategy or plan providing for the action has been adopted, but it is not yet applied in practice (no responsible body, staff or budget at work on it yet).",
      "Une loi, un règlement, une politique, une stratégie ou un plan prévoyant l'action a été adopté, mais n'est pas encore appliqué dans la pratique (aucun organisme responsable, personnel ou budget n'y travaille encore).",
      "Se ha adoptado una ley, reglamento, política, estrategia o plan que prevé la acción, pero todavía no se aplica en la práctica (aún no hay un órgano responsable, personal ni presupuesto dedicados a ella).",
      "Принят закон, нормативный акт, политика, стратегия или план, предусматривающие это действие, но на практике они ещё не применяются (ответственный орган, персонал или бюджет ещё не задействованы).",
      "已通过规定这一行动的法律、条例、政策、战略或计划，但尚未在实践中实施（尚无负责机构、人员或预算开展工作）。",
      "اعتُمد قانون أو لائحة أو سياسة أو استراتيجية أو خطة تنص على هذا الإجراء، لكنه لا يُطبَّق بعد في الممارسة العملية (لا توجد بعد جهة مسؤولة أو موظفون أو ميزانية تعمل عليه).",
    ),
  ),
  stage(
    "in_operation",
    label6("In operation", "En application", "En funcionamiento", "Применяется на практике", "已实施运行", "قيد التشغيل"),
    label6(
      "The measure is applied in practice: a responsible body works on it, with staff and budget, and it produces cases, services or other outputs.",
      "La mesure est appliquée dans la pratique : un organisme responsable la met en œuvre, avec du personnel et un budget, et elle produit des affaires, des services ou d'autres résultats.",
      "La medida se aplica en la práctica: un órgano responsable trabaja en ella, con personal y presupuesto, y produce casos, servicios u otros resultados.",
      "Мера применяется на практике: ею занимается ответственный орган, располагающий персоналом и бюджетом, и она даёт результаты (дела, услуги или иные итоги).",
      "该措施已在实践中实施：有负责机构配备人员和预算开展工作，并产生案件、服务或其他产出。",
      "يُطبَّق التدبير في الممارسة العملية: تعمل عليه جهة مسؤولة لديها موظفون وميزانية، ويُفضي إلى قضايا أو خدمات أو نواتج أخرى.",
    ),
  ),
  stage(
    "evaluated",
    label6("Evaluated", "Évaluée", "Evaluada", "Проведена оценка", "已评估", "خضع للتقييم"),
    label6(
      "The measure is in operation and its results have been assessed since the start of the reporting period, by an evaluation, audit, inspection or published monitoring report.",
      "La mesure est en application et ses résultats ont été appréciés depuis le début de la période considérée, par une évaluation, un audit, une inspection ou un rapport de suivi publié.",
      "La medida está en funcionamiento y sus resultados se han valorado desde el inicio del período que abarca el informe, mediante una evaluación, auditoría, inspección o informe de seguimiento publicado.",
      "Мера применяется, и с начала отчётного периода её результаты были оценены (оценка, аудит, проверка или опубликованный доклад о мониторинге).",
      "该措施正在实施，且自报告期开始以来已通过评价、审计、检查或公开发布的监测报告对其成果作出评估。",
      "التدبير قيد التشغيل، وقد قُيِّمت نتائجه منذ بداية الفترة المشمولة بالتقرير من خلال تقييم أو مراجعة حسابات أو تفتيش أو تقرير رصد منشور.",
    ),
  ),
  stage(
    "not_applicable",
    label6("Not applicable", "Sans objet", "No procede", "Неприменимо", "不适用", "لا ينطبق"),
    label6(
      "The action does not concern your country (for example, the situation it addresses does not arise there). Say why in the box that follows.",
      "L'action ne concerne pas votre pays (par exemple, la situation qu'elle vise ne s'y présente pas). Indiquez pourquoi dans la case qui suit.",
      "La acción no concierne a su país (por ejemplo, la situación a la que se refiere no se da en él). Indique el motivo en el recuadro siguiente.",
      "Это действие не касается вашей страны (например, ситуация, на которую оно направлено, в ней не возникает). Укажите причину в следующем поле.",
      "这一行动与贵国无关（例如，其针对的情况在贵国不存在）。请在随后的框中说明原因。",
      "لا يخص هذا الإجراء بلدكم (مثلاً لأن الحالة التي يتناولها لا تنشأ فيه). يُرجى بيان السبب في الخانة التالية.",
    ),
  ),
  stage(
    "not_known",
    label6("Not known", "Inconnu", "Se desconoce", "Неизвестно", "不详", "غير معروف"),
    label6(
      "The authorities answering do not have the information.",
      "Les autorités qui répondent ne disposent pas de l'information.",
      "Las autoridades que responden no disponen de la información.",
      "Отвечающие органы не располагают этой информацией.",
      "作答的主管机关没有这方面的信息。",
      "لا تتوفر المعلومات لدى السلطات التي تجيب.",
    ),
  ),
];

/** The stages that count as "in operation or evaluated" in comparisons across paragraphs. */
export const OPERATING_STAGES: readonly Stage[] = ["in_operation", "evaluated"];

/* ---------------------------------------------------------------------------------------
 * The leading-verb rule.
 * ------------------------------------------------------------------------------------- */

/** What a paragraph (or each of its elements) is asked: a stage, or one of the two questions for paragraphs that ask no action. */
export const MEASURES = ["stage", "considered", "examined"] as const;
export type Measure = (typeof MEASURES)[number];

/** Leading verbs that state a position rather than an action: the State is asked whether it took it into account. */
const RECOGNITION_VERBS = new Set([
  "recognize",
  "recognise",
  "acknowledge",
  "note",
  "stress",
  "emphasize",
  "emphasise",
  "underline",
  "underscore",
  "reaffirm",
  "affirm",
  "welcome",
  "bear",
  "reiterate",
  "recall",
]);
/** Leading verbs that ask for study: the State is asked whether it examined the matter. */
const EXAMINATION_VERBS = new Set(["examine", "study", "explore", "consider", "review", "analyse", "analyze", "assess", "research", "investigate"]);

/**
 * The leading verbs of a paragraph: its first word and any verbs coordinated with it
 * ("Consider, review and implement…" → consider, review, implement; "Examine trends…" → examine).
 */
export function leadingVerbs(text: string): string[] {
  const m = /^\s*([A-Za-z]+)((?:, [a-z]+)*)(?:,? (?:and|or) ([a-z]+))?\b/.exec(text);
  if (!m) return [];
  const rest = (m[2] ?? "")
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);
  // "and" only coordinates a verb when a comma list precedes it or the word after it is a known verb.
  const last = m[3] && (rest.length > 0 || RECOGNITION_VERBS.has(m[3]) || EXAMINATION_VERBS.has(m[3])) ? [m[3]] : [];
  return [m[1]!.toLowerCase(), ...rest, ...last];
}

/**
 * The rule: a paragraph gets a stage unless every one of its leading verbs states a position
 * (→ "considered") or asks for study (→ "examined"); a recognition verb among them wins. An
 * action verb anywhere among them ("Consider, review and implement…") keeps the stage.
 */
export function measureFor(text: string, override?: Measure): Measure {
  if (override) return override;
  const verbs = leadingVerbs(text);
  if (verbs.length === 0) return "stage";
  const known = verbs.every((v) => RECOGNITION_VERBS.has(v) || EXAMINATION_VERBS.has(v));
  if (!known) return "stage";
  return verbs.some((v) => RECOGNITION_VERBS.has(v)) ? "considered" : "examined";
}

/* ---------------------------------------------------------------------------------------
 * The questions.
 * ------------------------------------------------------------------------------------- */

const STAGE_LABEL = label6(
  "At what stage is this action in your country?",
  "À quel stade en est cette action dans votre pays ?",
  "¿En qué etapa se encuentra esta acción en su país?",
  "На каком этапе находится это действие в вашей стране?",
  "这一行动在贵国处于哪个阶段？",
  "في أي مرحلة يوجد هذا الإجراء في بلدكم؟",
);
const STAGE_HELP = label6(
  "Choose the furthest stage reached; each stage is defined under its answer.",
  "Choisissez le stade le plus avancé atteint ; chaque stade est défini sous sa réponse.",
  "Elija la etapa más avanzada que se haya alcanzado; cada etapa se define debajo de su respuesta.",
  "Выберите наиболее продвинутый из достигнутых этапов; определение каждого этапа приведено под ответом.",
  "请选择已达到的最高阶段；每个阶段的定义见相应答案下方。",
  "اختاروا أبعد مرحلة تم بلوغها؛ ويرد تعريف كل مرحلة تحت الإجابة المقابلة لها.",
);
const NA_REASON_LABEL = label6(
  "Why is this action not applicable to your country?",
  "Pourquoi cette action est-elle sans objet pour votre pays ?",
  "¿Por qué esta acción no procede en el caso de su país?",
  "Почему это действие неприменимо к вашей стране?",
  "为什么这一行动不适用于贵国？",
  "لماذا لا ينطبق هذا الإجراء على بلدكم؟",
);
const CONSIDERED_LABEL = label6(
  "Has your country taken this into account in its policy since the start of the reporting period?",
  "Votre pays en a-t-il tenu compte dans ses politiques depuis le début de la période considérée ?",
  "¿Ha tenido en cuenta su país esta cuestión en sus políticas desde el inicio del período que abarca el informe?",
  "Учитывала ли ваша страна это в своей политике с начала отчётного периода?",
  "自报告期开始以来，贵国是否已在政策中考虑到这一点？",
  "هل أخذ بلدكم ذلك في الاعتبار في سياساته منذ بداية الفترة المشمولة بالتقرير؟",
);
const EXAMINED_LABEL = label6(
  "Has your country examined this since the start of the reporting period?",
  "Votre pays a-t-il examiné cette question depuis le début de la période considérée ?",
  "¿Ha examinado su país esta cuestión desde el inicio del período que abarca el informe?",
  "Изучала ли ваша страна этот вопрос с начала отчётного периода?",
  "自报告期开始以来，贵国是否对此进行了研究？",
  "هل درس بلدكم هذه المسألة منذ بداية الفترة المشمولة بالتقرير؟",
);
const PARTIALLY_HELP = label6(
  "Partially: in some policies, institutions or parts of the country only.",
  "Partiellement : dans certaines politiques, institutions ou parties du pays seulement.",
  "Parcialmente: solo en algunas políticas, instituciones o partes del país.",
  "Частично: только в некоторых направлениях политики, учреждениях или частях страны.",
  "部分：仅在部分政策、机构或部分地区。",
  "جزئياً: في بعض السياسات أو المؤسسات أو أجزاء البلد فقط.",
);

/*
 * Dates of adoption (issue 12, item 3): each element's measures carry the date they were adopted,
 * so the measures adopted since the start of the reporting period can be told from the baseline.
 */
const ADOPTION_LABEL = label6(
  "Main measures and their dates of adoption",
  "Principales mesures et leurs dates d'adoption",
  "Principales medidas y sus fechas de aprobación",
  "Основные меры и даты их принятия",
  "主要措施及其通过日期",
  "التدابير الرئيسية وتواريخ اعتمادها",
);
const ADOPTION_HELP = label6(
  "For a measure adopted in law or policy, in operation or evaluated: the law, policy or plan and the day it was adopted. Measures adopted {sincePeriodStart} are new in this reporting period; earlier ones are the baseline.",
  "Pour une mesure adoptée, en application ou évaluée : la loi, la politique ou le plan et la date de son adoption. Les mesures adoptées {sincePeriodStart} sont nouvelles pour la période considérée ; les plus anciennes constituent la situation de référence.",
  "Para una medida adoptada, en funcionamiento o evaluada: la ley, política o plan y la fecha de su aprobación. Las medidas aprobadas {sincePeriodStart} son nuevas en este período; las anteriores son la situación de referencia.",
  "Для принятой, применяемой или оценённой меры: закон, политика или план и дата принятия. Меры, принятые {sincePeriodStart}, — новые за отчётный период; более ранние составляют исходный уровень.",
  "对于已通过、已实施或已评估的措施：请填写法律、政策或计划及其通过日期。{sincePeriodStart}通过的措施为本报告期的新措施；更早的措施为基线。",
  "بالنسبة إلى تدبير معتمد أو قيد التشغيل أو خضع للتقييم: القانون أو السياسة أو الخطة وتاريخ اعتمادها. التدابير المعتمدة {sincePeriodStart} جديدة في هذه الفترة؛ وما سبقها يمثل خط الأساس.",
);
/** How many measures an element lists, at most. */
export const ADOPTION_MAX_ITEMS = 3;
const ADOPTION_FIELDS: RecordField[] = [
  {
    key: "title",
    kind: "text",
    maxLength: 500,
    label: label6("Law, policy or plan", "Loi, politique ou plan", "Ley, política o plan", "Закон, политика или план", "法律、政策或计划", "القانون أو السياسة أو الخطة"),
  },
  {
    key: "adopted_on",
    kind: "date",
    maxLength: 10,
    label: label6("Date of adoption", "Date d'adoption", "Fecha de aprobación", "Дата принятия", "通过日期", "تاريخ الاعتماد"),
  },
];

/** A question key asked once per element: `<element>.<base>`, or `<base>` for the paragraph itself. */
export function elementKey(element: string | undefined, base: string): string {
  return element ? `${element}.${base}` : base;
}

/** The stage (or leading-verb) questions of one paragraph: per element when it has elements, else once. */
export function stageDrafts(measure: Measure, elements: readonly Element[] | undefined): QuestionDraft[] {
  const targets: { key?: string; text?: Label }[] = elements && elements.length > 0 ? elements.map((e) => ({ key: e.key, text: e.text })) : [{}];
  return targets.flatMap(({ key, text }): QuestionDraft[] => {
    const scoped = (label: Label) => (text ? withSubject(label, text) : label);
    const element = key ? { element: key } : {};
    if (measure !== "stage") {
      return [
        {
          key: elementKey(key, measure),
          type: "yes_no",
          required: true,
          label: scoped(measure === "considered" ? CONSIDERED_LABEL : EXAMINED_LABEL),
          help: PARTIALLY_HELP,
          extraAnswers: ["partially", "not_known"],
          ...element,
        },
      ];
    }
    const stageKey = elementKey(key, "stage");
    return [
      { key: stageKey, type: "single_choice", required: true, label: scoped(STAGE_LABEL), help: STAGE_HELP, options: [...STAGE_OPTIONS], ...element },
      {
        key: elementKey(key, "na_reason"),
        type: "text",
        required: false,
        requiredWhen: { question: stageKey, equals: "not_applicable" },
        maxLength: NA_REASON_MAX_LENGTH,
        label: scoped(NA_REASON_LABEL),
        ...element,
      },
      {
        key: elementKey(key, "adoption"),
        type: "records",
        required: false,
        maxItems: ADOPTION_MAX_ITEMS,
        fields: ADOPTION_FIELDS,
        label: scoped(ADOPTION_LABEL),
        help: ADOPTION_HELP,
        ...element,
      },
    ];
  });
}
