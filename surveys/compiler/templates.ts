/**
 * Question templates: the common questions asked about every paragraph a config selects
 * (typically every action). Labels and options in all six UN languages.
 *
 * Required policy: only `status` is required; `na_reason` becomes required when
 * status = not_applicable. Everything else is optional, so a State can submit a partial
 * but meaningful report and complete it later.
 */
import type { Label, Option, Question } from "../schema.ts";
import { label6 } from "./labels.ts";
import { stageDrafts } from "./stages.ts";

/**
 * Written where a question says "since <the start of the reporting period>": the compiler knows
 * no cycle, so the app fills it when it shows the question (app/cycles/period.ts, same token).
 */
export const PERIOD_PLACEHOLDER = "{sincePeriodStart}";

/** Limits the templates need; they come from the config. */
export interface TemplateLimits {
  textMaxLength: number;
  linksMaxItems: number;
}

/** A question before it gets its id (the id depends on the instrument and the paragraph). */
export type QuestionDraft = Question extends infer Q ? (Q extends Question ? Omit<Q, "id"> : never) : never;

export interface QuestionTemplate {
  key: string;
  build(limits: TemplateLimits): QuestionDraft;
}

function option(value: string, label: Label): Option {
  return { value, label };
}

/** An option that excludes all others of its list ("None"). */
function exclusiveOption(value: string, label: Label): Option {
  return { value, label, exclusive: true };
}

const STATUS_OPTIONS: Option[] = [
  option("not_started", label6("Not started", "Pas commencée", "No iniciada", "Не начато", "尚未开始", "لم يبدأ")),
  option("planned", label6("Planned", "Prévue", "Prevista", "Запланировано", "已计划", "مخطط له")),
  option("in_progress", label6("In progress", "En cours", "En curso", "В процессе", "正在进行", "قيد التنفيذ")),
  option(
    "largely_implemented",
    label6("Largely implemented", "Largement mise en œuvre", "Aplicada en gran medida", "В значительной степени осуществлено", "基本执行", "نُفِّذ إلى حد كبير"),
  ),
  option(
    "fully_implemented",
    label6("Fully implemented", "Pleinement mise en œuvre", "Plenamente aplicada", "Полностью осуществлено", "全面执行", "نُفِّذ بالكامل"),
  ),
  option("not_applicable", label6("Not applicable", "Sans objet", "No procede", "Неприменимо", "不适用", "لا ينطبق")),
];

const MEASURE_OPTIONS: Option[] = [
  option("legislative", label6("Legislative", "Législatives", "Legislativas", "Законодательные", "立法措施", "تشريعية")),
  option("administrative", label6("Administrative", "Administratives", "Administrativas", "Административные", "行政措施", "إدارية")),
  option("judicial", label6("Judicial", "Judiciaires", "Judiciales", "Судебные", "司法措施", "قضائية")),
  option(
    "policy_strategy",
    label6("Policy or strategy", "Politique ou stratégie", "Política o estrategia", "Политика или стратегия", "政策或战略", "سياسة عامة أو استراتيجية"),
  ),
  option("institutional", label6("Institutional", "Institutionnelles", "Institucionales", "Институциональные", "机构措施", "مؤسسية")),
  option(
    "programme",
    label6("Programme or project", "Programme ou projet", "Programa o proyecto", "Программа или проект", "方案或项目", "برنامج أو مشروع"),
  ),
  option("training", label6("Training", "Formation", "Capacitación", "Обучение", "培训", "التدريب")),
  option(
    "awareness_raising",
    label6("Awareness-raising", "Sensibilisation", "Sensibilización", "Повышение осведомленности", "提高认识", "التوعية"),
  ),
  option(
    "data_collection",
    label6(
      "Data collection and research",
      "Collecte de données et recherche",
      "Reunión de datos e investigación",
      "Сбор данных и исследования",
      "数据收集和研究",
      "جمع البيانات والبحوث",
    ),
  ),
];

const CHALLENGE_OPTIONS: Option[] = [
  option("legal_framework", label6("Legal framework", "Cadre juridique", "Marco jurídico", "Правовая база", "法律框架", "الإطار القانوني")),
  option(
    "financial_resources",
    label6("Financial resources", "Ressources financières", "Recursos financieros", "Финансовые ресурсы", "财政资源", "الموارد المالية"),
  ),
  option("human_resources", label6("Human resources", "Ressources humaines", "Recursos humanos", "Кадровые ресурсы", "人力资源", "الموارد البشرية")),
  option(
    "technical_capacity",
    label6("Technical capacity", "Capacités techniques", "Capacidad técnica", "Технический потенциал", "技术能力", "القدرات التقنية"),
  ),
  option(
    "coordination",
    label6(
      "Inter-agency coordination",
      "Coordination interinstitutions",
      "Coordinación interinstitucional",
      "Межведомственная координация",
      "机构间协调",
      "التنسيق بين الأجهزة",
    ),
  ),
  option(
    "data_availability",
    label6("Availability of data", "Disponibilité des données", "Disponibilidad de datos", "Наличие данных", "数据的可得性", "توافر البيانات"),
  ),
  option(
    "international_cooperation",
    label6(
      "International cooperation",
      "Coopération internationale",
      "Cooperación internacional",
      "Международное сотрудничество",
      "国际合作",
      "التعاون الدولي",
    ),
  ),
  // Not "political priority": an option no ministry will tick about its own government.
  option(
    "competing_priorities",
    label6(
      "Competing priorities for the same resources",
      "Concurrence d'autres priorités pour les mêmes ressources",
      "Otras prioridades que compiten por los mismos recursos",
      "Конкурирующие приоритеты в отношении тех же ресурсов",
      "同一资源面临其他优先事项的竞争",
      "أولويات أخرى تتنافس على الموارد نفسها",
    ),
  ),
  option("other", label6("Other", "Autres", "Otras", "Другое", "其他", "أخرى")),
];

const ASSISTANCE_OPTIONS: Option[] = [
  option(
    "legislative_assistance",
    label6(
      "Legislative assistance",
      "Assistance législative",
      "Asistencia legislativa",
      "Помощь в законодательной сфере",
      "立法援助",
      "المساعدة التشريعية",
    ),
  ),
  option(
    "capacity_building",
    label6(
      "Institutional capacity-building",
      "Renforcement des capacités institutionnelles",
      "Creación de capacidad institucional",
      "Укрепление институционального потенциала",
      "机构能力建设",
      "بناء القدرات المؤسسية",
    ),
  ),
  option(
    "training",
    label6(
      "Training of practitioners",
      "Formation des praticiens",
      "Capacitación de profesionales",
      "Подготовка специалистов-практиков",
      "从业人员培训",
      "تدريب الممارسين",
    ),
  ),
  option(
    "equipment_technology",
    label6("Equipment and technology", "Équipement et technologie", "Equipo y tecnología", "Оборудование и технологии", "设备和技术", "المعدات والتكنولوجيا"),
  ),
  option(
    "data_statistics",
    label6("Data and statistics", "Données et statistiques", "Datos y estadísticas", "Данные и статистика", "数据和统计", "البيانات والإحصاءات"),
  ),
  option(
    "policy_advice",
    label6(
      "Policy advice",
      "Conseils en matière de politiques",
      "Asesoramiento normativo",
      "Консультирование по вопросам политики",
      "政策咨询",
      "المشورة في مجال السياسات",
    ),
  ),
  option("research", label6("Research", "Recherche", "Investigación", "Исследования", "研究", "البحوث")),
  option("funding", label6("Funding", "Financement", "Financiación", "Финансирование", "资金", "التمويل")),
  // Exclusive: "no assistance needed" cannot be ticked together with a need.
  exclusiveOption(
    "none",
    label6(
      "No assistance needed",
      "Aucune assistance nécessaire",
      "No se necesita asistencia",
      "Помощь не требуется",
      "无需援助",
      "لا حاجة إلى المساعدة",
    ),
  ),
];

const TOOL_OPTIONS: Option[] = [
  option("training_manual", label6("Training manual", "Manuel de formation", "Manual de capacitación", "Учебное пособие", "培训手册", "دليل تدريبي")),
  option(
    "model_law",
    label6(
      "Model law or model legislative provisions",
      "Loi type ou dispositions législatives types",
      "Ley modelo o disposiciones legislativas modelo",
      "Типовой закон или типовые законодательные положения",
      "示范法或示范立法条文",
      "قانون نموذجي أو أحكام تشريعية نموذجية",
    ),
  ),
  option("guidelines", label6("Guidelines", "Lignes directrices", "Directrices", "Руководящие принципы", "准则", "مبادئ توجيهية")),
  option(
    "e_learning",
    label6("E-learning course", "Cours en ligne", "Curso de aprendizaje electrónico", "Электронный учебный курс", "电子学习课程", "دورة تعلّم إلكتروني"),
  ),
  option("handbook", label6("Handbook", "Manuel pratique", "Manual práctico", "Справочник", "手册", "كتيّب")),
  option("software_tool", label6("Software tool", "Outil logiciel", "Herramienta informática", "Программный инструмент", "软件工具", "أداة برمجية")),
  option("other", label6("Other", "Autre", "Otro", "Другое", "其他", "أخرى")),
];

/** The common set, in the order it is shown. */
export const COMMON_TEMPLATES: readonly QuestionTemplate[] = [
  {
    key: "status",
    build: () => ({
      key: "status",
      type: "single_choice",
      required: true,
      label: label6(
        "What is the status of implementation of this paragraph?",
        "Quel est l'état de la mise en œuvre de ce paragraphe ?",
        "¿Cuál es el estado de aplicación de este párrafo?",
        "Каково состояние осуществления этого пункта?",
        "本段的执行状况如何？",
        "ما حالة تنفيذ هذه الفقرة؟",
      ),
      options: STATUS_OPTIONS,
    }),
  },
  {
    key: "na_reason",
    build: ({ textMaxLength }) => ({
      key: "na_reason",
      type: "text",
      required: false,
      requiredWhen: { question: "status", equals: "not_applicable" },
      maxLength: textMaxLength,
      label: label6(
        "Why is this paragraph not applicable to your country?",
        "Pourquoi ce paragraphe est-il sans objet pour votre pays ?",
        "¿Por qué este párrafo no procede en el caso de su país?",
        "Почему этот пункт неприменим к вашей стране?",
        "为什么本段不适用于贵国？",
        "لماذا لا تنطبق هذه الفقرة على بلدكم؟",
      ),
    }),
  },
  {
    key: "measures",
    build: () => ({
      key: "measures",
      type: "multiple_choice",
      required: false,
      label: label6(
        "What types of measures have been taken {sincePeriodStart}?",
        "Quels types de mesures ont été prises {sincePeriodStart} ?",
        "¿Qué tipos de medidas se han adoptado {sincePeriodStart}?",
        "Какие виды мер были приняты {sincePeriodStart}?",
        "{sincePeriodStart}采取了哪些类型的措施？",
        "ما أنواع التدابير التي اتُّخذت {sincePeriodStart}؟",
      ),
      options: MEASURE_OPTIONS,
    }),
  },
  {
    key: "description",
    build: ({ textMaxLength }) => ({
      key: "description",
      type: "text",
      required: false,
      maxLength: textMaxLength,
      label: label6(
        "Describe the measures taken {sincePeriodStart}, including their scope, the institutions responsible and the results achieved.",
        "Décrivez les mesures prises {sincePeriodStart}, notamment leur portée, les institutions responsables et les résultats obtenus.",
        "Describa las medidas adoptadas {sincePeriodStart}, incluidos su alcance, las instituciones responsables y los resultados obtenidos.",
        "Опишите меры, принятые {sincePeriodStart}, включая их охват, ответственные учреждения и достигнутые результаты.",
        "请说明{sincePeriodStart}所采取的措施，包括其范围、负责机构和取得的成果。",
        "يُرجى وصف التدابير المتخذة {sincePeriodStart}، بما في ذلك نطاقها والمؤسسات المسؤولة عنها والنتائج المحققة.",
      ),
    }),
  },
  {
    key: "good_practice",
    build: ({ textMaxLength }) => ({
      key: "good_practice",
      type: "text",
      required: false,
      maxLength: textMaxLength,
      label: label6(
        "Describe any good practice or lesson learned that could be useful to other States.",
        "Décrivez toute bonne pratique ou tout enseignement tiré qui pourrait être utile à d'autres États.",
        "Describa toda buena práctica o enseñanza extraída que pueda ser útil a otros Estados.",
        "Опишите любую успешную практику или извлеченный урок, которые могут быть полезны другим государствам.",
        "请说明可能对其他国家有用的任何良好做法或经验教训。",
        "يُرجى وصف أي ممارسة جيدة أو درس مستفاد يمكن أن يكون مفيداً لدول أخرى.",
      ),
    }),
  },
  {
    key: "good_practice_shareable",
    build: () => ({
      key: "good_practice_shareable",
      type: "yes_no",
      required: false,
      label: label6(
        "May this good practice be shared with other States through UNODC?",
        "Cette bonne pratique peut-elle être communiquée à d'autres États par l'intermédiaire de l'ONUDC ?",
        "¿Puede compartirse esta buena práctica con otros Estados por conducto de la UNODC?",
        "Можно ли поделиться этой успешной практикой с другими государствами через УНП ООН?",
        "是否可以通过联合国毒品和犯罪问题办公室与其他国家分享这一良好做法？",
        "هل يجوز تبادل هذه الممارسة الجيدة مع الدول الأخرى عن طريق مكتب الأمم المتحدة المعني بالمخدرات والجريمة؟",
      ),
    }),
  },
  {
    key: "challenges",
    build: () => ({
      key: "challenges",
      type: "multiple_choice",
      required: false,
      label: label6(
        "What challenges have been encountered in implementing this paragraph?",
        "Quelles difficultés ont été rencontrées dans la mise en œuvre de ce paragraphe ?",
        "¿Qué dificultades se han encontrado en la aplicación de este párrafo?",
        "С какими трудностями пришлось столкнуться при осуществлении этого пункта?",
        "在执行本段时遇到了哪些挑战？",
        "ما التحديات التي صودفت في تنفيذ هذه الفقرة؟",
      ),
      options: CHALLENGE_OPTIONS,
    }),
  },
  {
    key: "challenges_text",
    build: ({ textMaxLength }) => ({
      key: "challenges_text",
      type: "text",
      required: false,
      maxLength: textMaxLength,
      label: label6(
        "Describe the challenges and how they are being addressed.",
        "Décrivez ces difficultés et la manière dont elles sont surmontées.",
        "Describa las dificultades y la manera en que se están abordando.",
        "Опишите эти трудности и то, как они преодолеваются.",
        "请说明这些挑战以及正在如何应对。",
        "يُرجى وصف التحديات وكيفية التصدي لها.",
      ),
    }),
  },
  {
    key: "ta_needed",
    build: () => ({
      key: "ta_needed",
      type: "multiple_choice",
      required: false,
      label: label6(
        "What technical assistance would help your country implement this paragraph?",
        "Quelle assistance technique aiderait votre pays à mettre en œuvre ce paragraphe ?",
        "¿Qué asistencia técnica ayudaría a su país a aplicar este párrafo?",
        "Какая техническая помощь помогла бы вашей стране осуществить этот пункт?",
        "何种技术援助将有助于贵国执行本段？",
        "ما المساعدة التقنية التي من شأنها أن تساعد بلدكم على تنفيذ هذه الفقرة؟",
      ),
      options: ASSISTANCE_OPTIONS,
    }),
  },
  {
    key: "tools_needed",
    build: () => ({
      key: "tools_needed",
      type: "multiple_choice",
      required: false,
      label: label6(
        "Which further tools and training materials based on international standards and best practices are needed in this area?",
        "Quels outils et supports de formation supplémentaires fondés sur les normes internationales et les meilleures pratiques sont nécessaires dans ce domaine ?",
        "¿Qué otros instrumentos y materiales de capacitación basados en normas internacionales y mejores prácticas se necesitan en esta esfera?",
        "Какие дополнительные инструменты и учебные материалы, основанные на международных стандартах и передовой практике, необходимы в этой области?",
        "在这一领域还需要哪些基于国际标准和最佳做法的工具和培训材料？",
        "ما الأدوات والمواد التدريبية الإضافية القائمة على المعايير الدولية وأفضل الممارسات اللازمة في هذا المجال؟",
      ),
      help: label6(
        "Resolution 2021/20, paragraph 8, invites Member States to identify the areas where further tools and training manuals are needed.",
        "Au paragraphe 8 de la résolution 2021/20, les États Membres sont invités à recenser les domaines dans lesquels des outils et manuels de formation supplémentaires sont nécessaires.",
        "En el párrafo 8 de la resolución 2021/20 se invita a los Estados Miembros a que determinen las esferas en que se necesitan otros instrumentos y manuales de capacitación.",
        "В пункте 8 резолюции 2021/20 государствам-членам предлагается определить области, в которых необходимы дополнительные инструменты и учебные пособия.",
        "第2021/20号决议第8段请会员国查明需要更多工具和培训手册的领域。",
        "يدعو القرار 2021/20، في الفقرة 8 منه، الدول الأعضاء إلى تحديد المجالات التي تلزم فيها أدوات وأدلة تدريبية إضافية.",
      ),
      options: TOOL_OPTIONS,
    }),
  },
  {
    key: "tools_needed_text",
    build: ({ textMaxLength }) => ({
      key: "tools_needed_text",
      type: "text",
      required: false,
      maxLength: textMaxLength,
      label: label6(
        "Describe the tools or training materials needed.",
        "Décrivez les outils ou supports de formation nécessaires.",
        "Describa los instrumentos o materiales de capacitación necesarios.",
        "Опишите необходимые инструменты или учебные материалы.",
        "请说明所需的工具或培训材料。",
        "يُرجى وصف الأدوات أو المواد التدريبية اللازمة.",
      ),
    }),
  },
  {
    key: "evidence",
    build: ({ linksMaxItems }) => ({
      key: "evidence",
      type: "links",
      required: false,
      maxItems: linksMaxItems,
      label: label6(
        "Links to relevant laws, policies, reports or other documents",
        "Liens vers les lois, politiques, rapports ou autres documents pertinents",
        "Enlaces a leyes, políticas, informes u otros documentos pertinentes",
        "Ссылки на соответствующие законы, стратегии, доклады или другие документы",
        "相关法律、政策、报告或其他文件的链接",
        "روابط إلى القوانين أو السياسات أو التقارير أو الوثائق الأخرى ذات الصلة",
      ),
    }),
  },
];

/**
 * The anchored stage (surveys/compiler/stages.ts). Built here for a paragraph alone; the compiler
 * expands it per element, with its "not applicable" reason, or into the leading-verb question.
 */
export const STAGE_TEMPLATE: QuestionTemplate = {
  key: "stage",
  build: () => stageDrafts("stage", undefined)[0]!,
};

/** Named sets a config may list instead of single template keys. */
export const TEMPLATE_SETS: Readonly<Record<string, readonly string[]>> = {
  /** The first questionnaire's set: one six-level status per paragraph. */
  common: COMMON_TEMPLATES.map((t) => t.key),
  /**
   * Anchored stages per element instead of the status, then the rest of the common set, less
   * `good_practice_shareable` (replaced by the disclosure choice next to each narrative answer;
   * app/reporting/retired-questions.ts hides it in the versions that still ask it).
   */
  stages: ["stage", ...COMMON_TEMPLATES.map((t) => t.key).filter((k) => k !== "status" && k !== "na_reason" && k !== "good_practice_shareable")],
};

const TEMPLATES_BY_KEY = new Map([...COMMON_TEMPLATES, STAGE_TEMPLATE].map((t) => [t.key, t]));

/** Every name a config may use in `templates`: a set name or a single template key. */
export function isTemplateName(name: string): boolean {
  return name in TEMPLATE_SETS || TEMPLATES_BY_KEY.has(name);
}

/** Expand set names and keys into templates, keeping the first occurrence of each key. */
export function resolveTemplates(names: readonly string[]): QuestionTemplate[] {
  const keys = names.flatMap((name) => TEMPLATE_SETS[name] ?? [name]);
  const seen = new Set<string>();
  const out: QuestionTemplate[] = [];
  for (const key of keys) {
    const template = TEMPLATES_BY_KEY.get(key);
    if (!template || seen.has(key)) continue;
    seen.add(key);
    out.push(template);
  }
  return out;
}
