/**
 * The structured facts asked after each paragraph's questions, and the questions about the
 * report as a whole (issue 12, items 4 and 5). Optional, analysable answers: fixed lists where a
 * figure is wanted ("None" exclusive in every list), repeatable records where a fact has parts.
 * Labels in the six UN languages. Pure, browser-safe.
 *
 * Keys start with `fact_` so they never meet a template's or a rule's key; the report questions'
 * ids are `<instrument>.report.<key>` (REPORT_REF).
 */
import { REPORT_REF, type Label, type Option, type Paragraph, type Question, type RecordField } from "../schema.ts";
import { label6 } from "./labels.ts";
import { PERIOD_PLACEHOLDER } from "./templates.ts";
import type { QuestionDraft, TemplateLimits } from "./templates.ts";

const P = PERIOD_PLACEHOLDER;

function option(value: string, label: Label): Option {
  return { value, label };
}
function none(value: string, label: Label): Option {
  return { value, label, exclusive: true };
}
function field(key: string, kind: RecordField["kind"], maxLength: number, label: Label): RecordField {
  return { key, kind, maxLength, label };
}

export const AUTHORITY_OPTIONS: Option[] = [
  option("justice_ministry", label6("Ministry of Justice", "Ministère de la justice", "Ministerio de Justicia", "Министерство юстиции", "司法部", "وزارة العدل")),
  option("interior_police", label6("Ministry of the Interior or police", "Ministère de l'intérieur ou police", "Ministerio del Interior o policía", "Министерство внутренних дел или полиция", "内政部或警察", "وزارة الداخلية أو الشرطة")),
  option("prosecution", label6("Prosecution service", "Ministère public", "Ministerio público (fiscalía)", "Прокуратура", "检察机关", "النيابة العامة")),
  option("judiciary", label6("Judiciary", "Autorité judiciaire", "Poder judicial", "Судебная власть", "司法机构", "السلطة القضائية")),
  option("prisons_probation", label6("Prison and probation services", "Services pénitentiaires et de probation", "Servicios penitenciarios y de libertad vigilada", "Пенитенциарная служба и служба пробации", "监狱和缓刑部门", "مصلحة السجون ودوائر مراقبة السلوك")),
  option("fiu", label6("Financial intelligence unit", "Cellule de renseignement financier", "Unidad de inteligencia financiera", "Подразделение финансовой разведки", "金融情报机构", "وحدة الاستخبارات المالية")),
  option("anti_corruption", label6("Anti-corruption body", "Organe de lutte contre la corruption", "Órgano de lucha contra la corrupción", "Антикоррупционный орган", "反腐败机构", "هيئة مكافحة الفساد")),
  option("statistics_office", label6("National statistics office", "Institut national de la statistique", "Oficina nacional de estadística", "Национальное статистическое управление", "国家统计局", "مكتب الإحصاء الوطني")),
  option("other", label6("Other", "Autre", "Otro", "Другое", "其他", "غير ذلك")),
  none("none", label6("No authority designated", "Aucune autorité désignée", "Ninguna autoridad designada", "Орган не назначен", "未指定任何机构", "لم تُحدَّد أي سلطة")),
];

export const TA_RECEIVED_OPTIONS: Option[] = [
  option("unodc", label6("From UNODC", "De l'ONUDC", "De la UNODC", "От ЮНОДК", "来自毒品和犯罪问题办公室", "من مكتب الأمم المتحدة المعني بالمخدرات والجريمة")),
  option("other_provider", label6("From another provider", "D'un autre prestataire", "De otro proveedor", "От другого поставщика", "来自其他提供方", "من جهة أخرى")),
  none("none", label6("None received", "Aucune reçue", "No se recibió ninguna", "Не получала", "未接受任何援助", "لم تُتلقَّ أي مساعدة")),
];

export const TA_HELPED_OPTIONS: Option[] = [
  option("yes", label6("Yes", "Oui", "Sí", "Да", "是", "نعم")),
  option("partly", label6("Partly", "En partie", "En parte", "Частично", "部分", "جزئياً")),
  option("no", label6("No", "Non", "No", "Нет", "否", "لا")),
  option("too_early", label6("Too early to say", "Trop tôt pour le dire", "Es demasiado pronto para saberlo", "Пока рано судить", "现在下结论为时尚早", "من السابق لأوانه الحكم")),
];

export const STAKEHOLDER_OPTIONS: Option[] = [
  option("civil_society", label6("Civil society organizations", "Organisations de la société civile", "Organizaciones de la sociedad civil", "Организации гражданского общества", "民间社会组织", "منظمات المجتمع المدني")),
  option("academia", label6("Academia", "Milieux universitaires", "Instituciones académicas", "Научные круги", "学术界", "الأوساط الأكاديمية")),
  option("nhri", label6("National human rights institution", "Institution nationale des droits de l'homme", "Institución nacional de derechos humanos", "Национальное правозащитное учреждение", "国家人权机构", "المؤسسة الوطنية لحقوق الإنسان")),
  option("private_sector", label6("Private sector", "Secteur privé", "Sector privado", "Частный сектор", "私营部门", "القطاع الخاص")),
  option("other", label6("Other", "Autre", "Otro", "Другое", "其他", "غير ذلك")),
  none("none", label6("None consulted", "Aucune partie consultée", "No se consultó a nadie", "Консультации не проводились", "未征求任何意见", "لم تُستشر أي جهة")),
];

const LEGAL_REFERENCE_FIELDS = (limits: TemplateLimits): RecordField[] => [
  field("title", "text", Math.min(500, limits.textMaxLength), label6("Title of the law, regulation or policy", "Titre de la loi, du règlement ou de la politique", "Título de la ley, el reglamento o la política", "Название закона, постановления или политики", "法律、条例或政策的名称", "عنوان القانون أو اللائحة أو السياسة")),
  field("article", "text", 200, label6("Article or section", "Article ou section", "Artículo o sección", "Статья или раздел", "条款或章节", "المادة أو القسم")),
  field("year", "year", 4, label6("Year adopted", "Année d'adoption", "Año de aprobación", "Год принятия", "通过年份", "سنة الاعتماد")),
  field("link", "link", 2000, label6("Link (optional)", "Lien (facultatif)", "Enlace (opcional)", "Ссылка (необязательно)", "链接（可选）", "الرابط (اختياري)")),
];

const INDICATOR_FIELDS: RecordField[] = [
  field("name", "text", 300, label6("Indicator", "Indicateur", "Indicador", "Показатель", "指标", "المؤشر")),
  field("value", "text", 100, label6("Value", "Valeur", "Valor", "Значение", "数值", "القيمة")),
  field("year", "year", 4, label6("Year", "Année", "Año", "Год", "年份", "السنة")),
  field("source", "text", 500, label6("Source", "Source", "Fuente", "Источник", "来源", "المصدر")),
];

/** The facts asked after a paragraph's own questions, in the folded "Facts (optional)" section. */
export function factDrafts(limits: TemplateLimits): QuestionDraft[] {
  const facts = { required: false, section: "facts" as const };
  return [
    {
      ...facts,
      key: "fact_authorities",
      type: "multiple_choice",
      label: label6(
        "Which national authorities are responsible?",
        "Quelles autorités nationales sont responsables ?",
        "¿Qué autoridades nacionales son responsables?",
        "Какие национальные органы несут ответственность?",
        "哪些国家主管机构负责？",
        "ما السلطات الوطنية المسؤولة؟",
      ),
      options: AUTHORITY_OPTIONS,
    },
    {
      ...facts,
      key: "fact_authorities_other",
      type: "text",
      maxLength: Math.min(1000, limits.textMaxLength),
      label: label6("Other authorities (name them)", "Autres autorités (précisez)", "Otras autoridades (indíquense)", "Другие органы (укажите)", "其他机构（请注明）", "سلطات أخرى (يُرجى تسميتها)"),
    },
    {
      ...facts,
      key: "fact_legal_refs",
      type: "records",
      maxItems: 10,
      label: label6(
        "Legal references: the laws, regulations or policies in force",
        "Références juridiques : lois, règlements ou politiques en vigueur",
        "Referencias jurídicas: leyes, reglamentos o políticas en vigor",
        "Правовые ссылки: действующие законы, постановления или политика",
        "法律依据：现行法律、条例或政策",
        "المراجع القانونية: القوانين أو اللوائح أو السياسات النافذة",
      ),
      help: label6(
        "One per row. The year of adoption tells measures adopted during the reporting period from the baseline.",
        "Une par ligne. L'année d'adoption distingue les mesures adoptées pendant la période considérée de la situation de référence.",
        "Una por fila. El año de aprobación distingue las medidas aprobadas durante el período que abarca el informe de la situación de referencia.",
        "По одной в строке. Год принятия отличает меры, принятые в отчетный период, от исходного уровня.",
        "每行一项。通过年份用于区分报告期内通过的措施与基线。",
        "مرجع واحد في كل صف. تميّز سنة الاعتماد التدابير المعتمدة خلال الفترة المشمولة بالتقرير عن خط الأساس.",
      ),
      fields: LEGAL_REFERENCE_FIELDS(limits),
    },
    {
      ...facts,
      key: "fact_ta_received",
      type: "multiple_choice",
      label: label6(
        `Has your country received technical assistance for this paragraph ${P}?`,
        `Votre pays a-t-il reçu une assistance technique au titre de ce paragraphe ${P} ?`,
        `¿Ha recibido su país asistencia técnica en relación con este párrafo ${P}?`,
        `Получала ли ваша страна техническую помощь по этому пункту ${P}?`,
        `${P}，贵国是否就本段接受过技术援助？`,
        `هل تلقّى بلدكم مساعدة تقنية بشأن هذه الفقرة ${P}؟`,
      ),
      options: TA_RECEIVED_OPTIONS,
    },
    {
      ...facts,
      key: "fact_ta_helped",
      type: "single_choice",
      label: label6("Did the assistance help?", "L'assistance a-t-elle été utile ?", "¿Fue útil la asistencia?", "Помогла ли эта помощь?", "援助是否有帮助？", "هل كانت المساعدة مفيدة؟"),
      options: TA_HELPED_OPTIONS,
    },
    {
      ...facts,
      key: "fact_ta_offer",
      type: "text",
      maxLength: limits.textMaxLength,
      label: label6(
        "What assistance can your country offer other States on this paragraph?",
        "Quelle assistance votre pays peut-il offrir à d'autres États au titre de ce paragraphe ?",
        "¿Qué asistencia puede ofrecer su país a otros Estados en relación con este párrafo?",
        "Какую помощь ваша страна может предложить другим государствам по этому пункту?",
        "贵国可就本段向其他国家提供哪些援助？",
        "ما المساعدة التي يمكن أن يقدمها بلدكم إلى الدول الأخرى بشأن هذه الفقرة؟",
      ),
    },
    {
      ...facts,
      key: "fact_stakeholders",
      type: "multiple_choice",
      label: label6(
        "Which stakeholders were consulted?",
        "Quelles parties prenantes ont été consultées ?",
        "¿Qué partes interesadas fueron consultadas?",
        "С какими заинтересованными сторонами проводились консультации?",
        "征求了哪些利益攸关方的意见？",
        "ما الجهات المعنية التي استُشيرت؟",
      ),
      options: STAKEHOLDER_OPTIONS,
    },
    {
      ...facts,
      key: "fact_indicator",
      type: "records",
      maxItems: 1,
      label: label6(
        "A result indicator, if one is measured",
        "Un indicateur de résultat, s'il en existe un",
        "Un indicador de resultados, si se mide alguno",
        "Показатель результатов, если он измеряется",
        "成果指标（如有衡量）",
        "مؤشر للنتائج، إن وُجد",
      ),
      fields: INDICATOR_FIELDS,
    },
  ];
}

/** A paragraph's value in a ranking: its ref, with "5(a)" written "5_a". */
export function rankingValue(ref: string): string {
  return ref.replace("(", "_").replace(")", "");
}

const CONTACT_FIELDS: RecordField[] = [
  field("name", "text", 200, label6("Name", "Nom", "Nombre", "Имя и фамилия", "姓名", "الاسم")),
  field("title", "text", 300, label6("Title and institution", "Fonction et institution", "Cargo e institución", "Должность и учреждение", "职务和机构", "المنصب والمؤسسة")),
  field("email", "email", 254, label6("E-mail", "Courriel", "Correo electrónico", "Электронная почта", "电子邮件", "البريد الإلكتروني")),
  field("phone", "phone", 40, label6("Telephone", "Téléphone", "Teléfono", "Телефон", "电话", "الهاتف")),
];

/** The questions about the report as a whole, asked before the paragraphs; ids `<instrument>.report.<key>`. */
export function reportQuestions(instrument: string, paragraphs: readonly Paragraph[], limits: TemplateLimits): Question[] {
  const asked = paragraphs.filter((p) => p.questions.length > 0);
  const drafts: QuestionDraft[] = [
    {
      key: "contact",
      type: "records",
      required: false,
      confidential: true,
      maxItems: 1,
      label: label6("Contact person for this report", "Personne à contacter pour ce rapport", "Persona de contacto para este informe", "Контактное лицо по этому докладу", "本报告联系人", "جهة الاتصال بشأن هذا التقرير"),
      help: label6(
        "Seen by the secretariat only, whatever the report's disclosure.",
        "Visible par le secrétariat uniquement, quelle que soit la diffusion choisie pour le rapport.",
        "Solo la secretaría puede verla, independientemente de la divulgación elegida para el informe.",
        "Видно только секретариату, независимо от выбранного режима раскрытия доклада.",
        "无论报告的披露设置如何，仅秘书处可见。",
        "لا تطّلع عليها إلا الأمانة، أيّاً كان مستوى الإفصاح المختار للتقرير.",
      ),
      fields: CONTACT_FIELDS,
    },
    {
      key: "declaration_use",
      type: "text",
      required: false,
      maxLength: limits.textMaxLength,
      label: label6(
        `How has the Declaration been used in national policy or legislation ${P}?`,
        `Comment la Déclaration a-t-elle été utilisée dans les politiques ou la législation nationales ${P} ?`,
        `¿Cómo se ha utilizado la Declaración en las políticas o la legislación nacionales ${P}?`,
        `Как Декларация использовалась в национальной политике или законодательстве ${P}?`,
        `${P}，《宣言》在国家政策或立法中得到了怎样的运用？`,
        `كيف استُخدم الإعلان في السياسات أو التشريعات الوطنية ${P}؟`,
      ),
      help: label6(
        "Economic and Social Council resolution 2021/20, operative paragraph 7.",
        "Résolution 2021/20 du Conseil économique et social, paragraphe 7 du dispositif.",
        "Resolución 2021/20 del Consejo Económico y Social, párrafo 7 de la parte dispositiva.",
        "Резолюция 2021/20 Экономического и Социального Совета, пункт 7 постановляющей части.",
        "经济及社会理事会第2021/20号决议执行部分第7段。",
        "قرار المجلس الاقتصادي والاجتماعي 2021/20، الفقرة 7 من المنطوق.",
      ),
    },
    {
      key: "follow_up_proposals",
      type: "text",
      required: false,
      maxLength: limits.textMaxLength,
      label: label6(
        "Proposals on ways and means of following up the Declaration",
        "Propositions sur les moyens d'assurer le suivi de la Déclaration",
        "Propuestas sobre los medios de dar seguimiento a la Declaración",
        "Предложения о путях и средствах последующей деятельности по Декларации",
        "关于《宣言》后续行动方式和手段的建议",
        "مقترحات بشأن سبل ووسائل متابعة الإعلان",
      ),
    },
    {
      key: "ta_priorities",
      type: "ranking",
      required: false,
      maxItems: 3,
      label: label6(
        "Technical-assistance priorities: the three paragraphs where your country most needs assistance, most important first",
        "Priorités d'assistance technique : les trois paragraphes pour lesquels votre pays a le plus besoin d'assistance, par ordre d'importance",
        "Prioridades de asistencia técnica: los tres párrafos en que su país más necesita asistencia, por orden de importancia",
        "Приоритеты технической помощи: три пункта, по которым ваша страна больше всего нуждается в помощи, в порядке важности",
        "技术援助优先事项：贵国最需要援助的三个段落，按重要性排列",
        "أولويات المساعدة التقنية: الفقرات الثلاث التي يحتاج فيها بلدكم إلى المساعدة أكثر من غيرها، بحسب الأهمية",
      ),
      options: asked.map((p) => option(rankingValue(p.ref), paragraphOptionLabel(p))),
    },
  ];
  return drafts.map((d) => ({ ...d, id: `${instrument}.${REPORT_REF}.${d.key}` }) as Question);
}

/** "¶81 · Trafficking in persons" in every language the short title has. */
function paragraphOptionLabel(p: Paragraph): Label {
  if (!p.shortTitle) return { en: `¶${p.ref}` };
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(p.shortTitle)) if (text !== undefined) out[lang] = `¶${p.ref} · ${text}`;
  return out as Label;
}
