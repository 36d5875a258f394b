/**
 * Rules that derive paragraph-specific questions from a paragraph's own wording.
 *
 * Two kinds of rule, both plain data:
 *  - instrument rules: a named UN standard, convention or tool ("the Nelson Mandela Rules",
 *    "SHERLOC") → "Has your country applied/used/implemented <it>?" (yes_no) + "how" (text).
 *    A config may add instruments of its own (`instruments` in config.json), so another
 *    declaration citing other standards needs no code change.
 *  - thematic rules: evaluation, data, agreements, networks, victims, gender, children,
 *    strategies → a few specific questions.
 *
 * Every generated question carries `source: { rule, words }`, `words` being the exact text
 * of the paragraph that triggered it. Keys are prefixed per rule, so they never collide.
 */
import type { Label, YesNoExtra } from "../schema.ts";
import { fillLabel, label6 } from "./labels.ts";
import type { QuestionDraft, TemplateLimits } from "./templates.ts";

export type InstrumentVerb = "apply" | "use" | "implement" | "participate";

export interface InstrumentDefinition {
  /** Short id, [a-z0-9_]: the rule id is `instrument.<id>`, question keys `std_<id>_applied` / `std_<id>_how`. */
  id: string;
  verb: InstrumentVerb;
  /** Exact phrases (case-sensitive, any whitespace) that name the instrument in a text. */
  patterns: string[];
  /** The instrument's name as it reads inside a question, with its article ("the …", "les …"). */
  name: Label;
}

interface ThematicQuestion {
  key: string;
  type: "yes_no" | "text";
  label: Label;
}

/** The extra answers a rule's yes/no question gets: "not a party" only where a State can be one. */
const EXTRAS_BY_VERB: Record<InstrumentVerb, YesNoExtra[]> = {
  apply: ["partially", "not_known"],
  use: ["not_known"],
  implement: ["partially", "not_party", "not_known"],
  participate: ["not_party", "not_known"],
};
const THEMATIC_EXTRAS: YesNoExtra[] = ["partially", "not_known"];

export interface ThematicRule {
  id: string;
  pattern: RegExp;
  questions: ThematicQuestion[];
}

/** The questions an instrument rule asks, per verb: [applied?, how?]. */
const INSTRUMENT_QUESTIONS: Record<InstrumentVerb, [Label, Label]> = {
  apply: [
    label6(
      "Has your country applied {name}?",
      "Votre pays a-t-il appliqué {name} ?",
      "¿Ha aplicado su país {name}?",
      "Применяет ли ваша страна следующий документ: {name}?",
      "贵国是否已适用{name}？",
      "هل طبّق بلدكم {name}؟",
    ),
    label6(
      "How has your country applied {name}? Describe the relevant laws, policies or practice.",
      "Décrivez comment votre pays applique {name} (lois, politiques ou pratiques pertinentes).",
      "Describa cómo aplica su país {name} (leyes, políticas o prácticas pertinentes).",
      "Опишите, как ваша страна применяет следующий документ (соответствующие законы, политика или практика): {name}.",
      "请说明贵国如何适用{name}（相关法律、政策或做法）。",
      "يُرجى وصف الطريقة التي يطبق بها بلدكم {name} (القوانين أو السياسات أو الممارسات ذات الصلة).",
    ),
  ],
  use: [
    label6(
      "Has your country used {name}?",
      "Votre pays a-t-il utilisé {name} ?",
      "¿Ha utilizado su país {name}?",
      "Использует ли ваша страна следующий инструмент: {name}?",
      "贵国是否已使用{name}？",
      "هل استخدم بلدكم {name}؟",
    ),
    label6(
      "How has your country used {name}, and with what results?",
      "Décrivez comment votre pays utilise {name} et avec quels résultats.",
      "Describa cómo utiliza su país {name} y con qué resultados.",
      "Опишите, как ваша страна использует следующий инструмент и с какими результатами: {name}.",
      "请说明贵国如何使用{name}以及取得了哪些成果。",
      "يُرجى وصف الطريقة التي يستخدم بها بلدكم {name} والنتائج المحققة.",
    ),
  ],
  implement: [
    label6(
      "Has your country taken measures to implement {name}?",
      "Votre pays a-t-il pris des mesures pour mettre en œuvre {name} ?",
      "¿Ha adoptado su país medidas para aplicar {name}?",
      "Приняла ли ваша страна меры по осуществлению следующего документа: {name}?",
      "贵国是否已采取措施执行{name}？",
      "هل اتخذ بلدكم تدابير لتنفيذ {name}؟",
    ),
    label6(
      "Which measures implement {name}? Cite the relevant provisions.",
      "Quelles mesures mettent en œuvre {name} ? Citez les dispositions pertinentes.",
      "¿Qué medidas aplican {name}? Cite las disposiciones pertinentes.",
      "Какие меры обеспечивают осуществление следующего документа: {name}? Укажите соответствующие положения.",
      "哪些措施执行了{name}？请列出相关条款。",
      "ما التدابير التي تنفذ {name}؟ يُرجى ذكر الأحكام ذات الصلة.",
    ),
  ],
  participate: [
    label6(
      "Has your country taken part in {name}?",
      "Votre pays a-t-il participé à {name} ?",
      "¿Ha participado su país en {name}?",
      "Участвует ли ваша страна в следующем механизме: {name}?",
      "贵国是否参与了{name}？",
      "هل شارك بلدكم في {name}؟",
    ),
    label6(
      "How has your country taken part in {name} (reviews undergone, reviewers provided, follow-up to the recommendations)?",
      "Comment votre pays a-t-il participé à {name} (examens dont il a fait l'objet, experts fournis, suite donnée aux recommandations) ?",
      "¿Cómo ha participado su país en {name} (exámenes realizados, expertos aportados, seguimiento de las recomendaciones)?",
      "Как ваша страна участвует в следующем механизме (пройденные обзоры, выделенные эксперты, выполнение рекомендаций): {name}?",
      "贵国如何参与{name}（接受的审议、提供的审议专家、对建议的落实）？",
      "كيف شارك بلدكم في {name} (الاستعراضات التي خضع لها، والخبراء المقدَّمون، ومتابعة التوصيات)؟",
    ),
  ],
};

/** Standards, conventions and tools named in UN crime prevention texts. */
export const BUILT_IN_INSTRUMENTS: readonly InstrumentDefinition[] = [
  {
    id: "mandela",
    verb: "apply",
    patterns: ["Nelson Mandela Rules", "Standard Minimum Rules for the Treatment of Prisoners"],
    name: label6(
      "the Nelson Mandela Rules",
      "les Règles Nelson Mandela",
      "las Reglas Nelson Mandela",
      "Правила Нельсона Манделы",
      "《纳尔逊·曼德拉规则》",
      "قواعد نيلسون مانديلا",
    ),
  },
  {
    id: "bangkok",
    verb: "apply",
    patterns: ["Bangkok Rules", "Rules for the Treatment of Women Prisoners"],
    name: label6("the Bangkok Rules", "les Règles de Bangkok", "las Reglas de Bangkok", "Бангкокские правила", "《曼谷规则》", "قواعد بانكوك"),
  },
  {
    id: "tokyo",
    verb: "apply",
    patterns: ["Tokyo Rules", "Standard Minimum Rules for Non-custodial Measures"],
    name: label6("the Tokyo Rules", "les Règles de Tokyo", "las Reglas de Tokio", "Токийские правила", "《东京规则》", "قواعد طوكيو"),
  },
  {
    id: "beijing_rules",
    verb: "apply",
    patterns: ["Beijing Rules", "Standard Minimum Rules for the Administration of Juvenile Justice"],
    name: label6("the Beijing Rules", "les Règles de Beijing", "las Reglas de Beijing", "Пекинские правила", "《北京规则》", "قواعد بيجين"),
  },
  {
    id: "legal_aid",
    verb: "apply",
    patterns: ["Principles and Guidelines on Access to Legal Aid"],
    name: label6(
      "the United Nations Principles and Guidelines on Access to Legal Aid in Criminal Justice Systems",
      "les Principes et lignes directrices des Nations Unies relatifs à l'accès à l'assistance juridique dans le système de justice pénale",
      "los Principios y Directrices de las Naciones Unidas sobre el Acceso a la Asistencia Jurídica en los Sistemas de Justicia Penal",
      "Принципы и руководящие положения Организации Объединенных Наций, касающиеся доступа к юридической помощи в системах уголовного правосудия",
      "《联合国关于在刑事司法系统中获得法律援助机会的原则和准则》",
      "مبادئ الأمم المتحدة وتوجيهاتها بشأن سبل الحصول على المساعدة القانونية في نظم العدالة الجنائية",
    ),
  },
  {
    id: "legal_aid_tools",
    verb: "use",
    patterns: ["tools on ensuring the quality of legal aid services"],
    name: label6(
      "the UNODC tools on ensuring the quality of legal aid services",
      "les outils de l'ONUDC relatifs à la qualité des services d'assistance juridique",
      "los instrumentos de la UNODC para garantizar la calidad de los servicios de asistencia jurídica",
      "инструменты УНП ООН по обеспечению качества услуг по оказанию юридической помощи",
      "联合国毒品和犯罪问题办公室关于确保法律援助服务质量的工具",
      "أدوات مكتب الأمم المتحدة المعني بالمخدرات والجريمة بشأن ضمان جودة خدمات المساعدة القانونية",
    ),
  },
  {
    id: "iccs",
    verb: "apply",
    patterns: ["International Classification of Crime for Statistical Purposes", "ICCS"],
    name: label6(
      "the International Classification of Crime for Statistical Purposes (ICCS)",
      "la Classification internationale des infractions à des fins statistiques",
      "la Clasificación Internacional de Delitos con Fines Estadísticos",
      "Международная классификация преступлений для статистических целей",
      "《国际犯罪统计分类》",
      "التصنيف الدولي للجرائم للأغراض الإحصائية",
    ),
  },
  {
    id: "untoc",
    verb: "implement",
    patterns: ["United Nations Convention against Transnational Organized Crime", "Organized Crime Convention"],
    name: label6(
      "the United Nations Convention against Transnational Organized Crime",
      "la Convention des Nations Unies contre la criminalité transnationale organisée",
      "la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
      "Конвенция Организации Объединенных Наций против транснациональной организованной преступности",
      "《联合国打击跨国有组织犯罪公约》",
      "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
    ),
  },
  {
    id: "smuggling_protocol",
    verb: "implement",
    patterns: ["Protocol against the Smuggling of Migrants"],
    name: label6(
      "the Protocol against the Smuggling of Migrants by Land, Sea and Air",
      "le Protocole contre le trafic illicite de migrants par terre, air et mer",
      "el Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire",
      "Протокол против незаконного ввоза мигрантов по суше, морю и воздуху",
      "《关于打击陆、海、空偷运移民的补充议定书》",
      "بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو",
    ),
  },
  {
    id: "uncac",
    verb: "implement",
    patterns: ["United Nations Convention against Corruption", "Convention against Corruption"],
    name: label6(
      "the United Nations Convention against Corruption",
      "la Convention des Nations Unies contre la corruption",
      "la Convención de las Naciones Unidas contra la Corrupción",
      "Конвенция Организации Объединенных Наций против коррупции",
      "《联合国反腐败公约》",
      "اتفاقية الأمم المتحدة لمكافحة الفساد",
    ),
  },
  {
    id: "drug_conventions",
    verb: "implement",
    patterns: ["international drug control conventions"],
    name: label6(
      "the three international drug control conventions",
      "les trois conventions internationales relatives au contrôle des drogues",
      "las tres convenciones de fiscalización internacional de drogas",
      "три международные конвенции о контроле над наркотиками",
      "三项国际药物管制公约",
      "الاتفاقيات الدولية الثلاث لمراقبة المخدرات",
    ),
  },
  {
    id: "ct_instruments",
    verb: "implement",
    patterns: ["international conventions and protocols related to counter-terrorism"],
    name: label6(
      "the international conventions and protocols related to counter-terrorism",
      "les conventions et protocoles internationaux relatifs à la lutte contre le terrorisme",
      "las convenciones y los protocolos internacionales relativos a la lucha contra el terrorismo",
      "международные конвенции и протоколы, касающиеся борьбы с терроризмом",
      "与反恐怖主义有关的国际公约和议定书",
      "الاتفاقيات والبروتوكولات الدولية المتعلقة بمكافحة الإرهاب",
    ),
  },
  {
    id: "ct_strategy",
    verb: "implement",
    patterns: ["Global Counter-Terrorism Strategy"],
    name: label6(
      "the United Nations Global Counter-Terrorism Strategy",
      "la Stratégie antiterroriste mondiale des Nations Unies",
      "la Estrategia Global de las Naciones Unidas contra el Terrorismo",
      "Глобальная контртеррористическая стратегия Организации Объединенных Наций",
      "《联合国全球反恐战略》",
      "استراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب",
    ),
  },
  {
    id: "cites",
    verb: "implement",
    patterns: ["Convention on International Trade in Endangered Species"],
    name: label6(
      "the Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES)",
      "la Convention sur le commerce international des espèces de faune et de flore sauvages menacées d'extinction (CITES)",
      "la Convención sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres (CITES)",
      "Конвенция о международной торговле видами дикой фауны и флоры, находящимися под угрозой исчезновения (СИТЕС)",
      "《濒危野生动植物种国际贸易公约》",
      "اتفاقية الاتجار الدولي بأنواع الحيوانات والنباتات البرية المهددة بالانقراض",
    ),
  },
  {
    id: "cultural_property_1970",
    verb: "implement",
    patterns: ["Convention on the Means of Prohibiting and Preventing the Illicit Import"],
    name: label6(
      "the Convention on the Means of Prohibiting and Preventing the Illicit Import, Export and Transfer of Ownership of Cultural Property",
      "la Convention concernant les mesures à prendre pour interdire et empêcher l'importation, l'exportation et le transfert de propriété illicites des biens culturels",
      "la Convención sobre las Medidas que Deben Adoptarse para Prohibir e Impedir la Importación, la Exportación y la Transferencia de Propiedad Ilícitas de Bienes Culturales",
      "Конвенция о мерах, направленных на запрещение и предупреждение незаконного ввоза, вывоза и передачи права собственности на культурные ценности",
      "《关于采取措施禁止并防止文化财产非法进出口和所有权非法转让公约》",
      "اتفاقية بشأن الوسائل التي تستخدم لحظر ومنع استيراد وتصدير ونقل ملكية الممتلكات الثقافية بطرق غير مشروعة",
    ),
  },
  {
    id: "cultural_property_guidelines",
    verb: "apply",
    patterns: ["International Guidelines for Crime Prevention and Criminal Justice Responses with Respect to Trafficking in Cultural Property"],
    name: label6(
      "the International Guidelines for Crime Prevention and Criminal Justice Responses with Respect to Trafficking in Cultural Property and Other Related Offences",
      "les Principes directeurs internationaux sur les mesures de prévention du crime et de justice pénale relatives au trafic de biens culturels et aux autres infractions connexes",
      "las Directrices Internacionales sobre las Respuestas de Prevención del Delito y Justicia Penal al Tráfico de Bienes Culturales y Otros Delitos Conexos",
      "Международные руководящие принципы в отношении мер по предупреждению преступности и уголовному правосудию в связи с незаконным оборотом культурных ценностей и другими связанными с ним преступлениями",
      "《关于贩运文化财产和其他相关犯罪的预防犯罪和刑事司法对策国际准则》",
      "المبادئ التوجيهية الدولية بشأن تدابير منع الجريمة والعدالة الجنائية فيما يتعلق بالاتجار بالممتلكات الثقافية وسائر الجرائم ذات الصلة",
    ),
  },
  {
    id: "beijing_platform",
    verb: "implement",
    patterns: ["Beijing Declaration and Platform for Action"],
    name: label6(
      "the Beijing Declaration and Platform for Action",
      "la Déclaration et le Programme d'action de Beijing",
      "la Declaración y Plataforma de Acción de Beijing",
      "Пекинская декларация и Платформа действий",
      "《北京宣言》和《行动纲要》",
      "إعلان ومنهاج عمل بيجين",
    ),
  },
  {
    id: "untoc_protocols",
    verb: "implement",
    patterns: ["Protocols thereto"],
    name: label6(
      "the Protocols supplementing the United Nations Convention against Transnational Organized Crime (trafficking in persons, smuggling of migrants, firearms)",
      "les Protocoles additionnels à la Convention des Nations Unies contre la criminalité transnationale organisée (traite des personnes, trafic illicite de migrants, armes à feu)",
      "los Protocolos de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional (trata de personas, tráfico ilícito de migrantes, armas de fuego)",
      "протоколы к Конвенции Организации Объединенных Наций против транснациональной организованной преступности (торговля людьми, незаконный ввоз мигрантов, огнестрельное оружие)",
      "《联合国打击跨国有组织犯罪公约》各项补充议定书（贩运人口、偷运移民、枪支）",
      "البروتوكولات المكملة لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية (الاتجار بالأشخاص، وتهريب المهاجرين، والأسلحة النارية)",
    ),
  },
  {
    id: "untoc_review",
    verb: "participate",
    patterns: ["Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto"],
    name: label6(
      "the Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto",
      "le Mécanisme d'examen de l'application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s'y rapportant",
      "el Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y sus Protocolos",
      "Механизм обзора хода осуществления Конвенции Организации Объединенных Наций против транснациональной организованной преступности и протоколов к ней",
      "《联合国打击跨国有组织犯罪公约》及其各项议定书实施情况审议机制",
      "آلية استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية والبروتوكولات الملحقة بها",
    ),
  },
  {
    id: "uncac_review",
    verb: "participate",
    patterns: ["Mechanism for the Review of Implementation of the United Nations Convention against Corruption"],
    name: label6(
      "the Mechanism for the Review of Implementation of the United Nations Convention against Corruption",
      "le Mécanisme d'examen de l'application de la Convention des Nations Unies contre la corruption",
      "el Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la Corrupción",
      "Механизм обзора хода осуществления Конвенции Организации Объединенных Наций против коррупции",
      "《联合国反腐败公约》实施情况审议机制",
      "آلية استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الفساد",
    ),
  },
  {
    id: "interviewing_principles",
    verb: "apply",
    patterns: ["international guidelines for non-coercive interviewing methods", "Principles on Effective Interviewing for Investigations and Information Gathering"],
    name: label6(
      "the Principles on Effective Interviewing for Investigations and Information Gathering (2021)",
      "les Principes relatifs aux entretiens efficaces dans le cadre d'enquêtes et de la collecte d'informations (2021)",
      "los Principios sobre Entrevistas Efectivas para Investigación y Recopilación de Información (2021)",
      "Принципы эффективного проведения опросов в целях расследования и сбора информации (2021 год)",
      "《调查和信息收集有效询问原则》（2021年）",
      "مبادئ إجراء المقابلات الفعالة لأغراض التحقيق وجمع المعلومات (2021)",
    ),
  },
  {
    id: "judiciary_independence",
    verb: "apply",
    patterns: ["Basic Principles on the Independence of the Judiciary"],
    name: label6(
      "the Basic Principles on the Independence of the Judiciary",
      "les Principes fondamentaux relatifs à l'indépendance de la magistrature",
      "los Principios Básicos relativos a la Independencia de la Judicatura",
      "Основные принципы независимости судебных органов",
      "《关于司法机关独立的基本原则》",
      "المبادئ الأساسية بشأن استقلال السلطة القضائية",
    ),
  },
  {
    id: "bangalore",
    verb: "apply",
    patterns: ["Bangalore Principles of Judicial Conduct"],
    name: label6(
      "the Bangalore Principles of Judicial Conduct",
      "les Principes de Bangalore sur la déontologie judiciaire",
      "los Principios de Bangalore sobre la Conducta Judicial",
      "Бангалорские принципы поведения судей",
      "《班加罗尔司法行为原则》",
      "مبادئ بنغالور للسلوك القضائي",
    ),
  },
  {
    id: "lawyers_role",
    verb: "apply",
    patterns: ["Basic Principles on the Role of Lawyers"],
    name: label6(
      "the Basic Principles on the Role of Lawyers",
      "les Principes de base relatifs au rôle du barreau",
      "los Principios Básicos sobre la Función de los Abogados",
      "Основные принципы, касающиеся роли юристов",
      "《关于律师作用的基本原则》",
      "المبادئ الأساسية بشأن دور المحامين",
    ),
  },
  {
    id: "prosecutors_role",
    verb: "apply",
    patterns: ["Guidelines on the Role of Prosecutors"],
    name: label6(
      "the Guidelines on the Role of Prosecutors",
      "les Principes directeurs applicables au rôle des magistrats du parquet",
      "las Directrices sobre la Función de los Fiscales",
      "Руководящие принципы, касающиеся роли лиц, осуществляющих судебное преследование",
      "《关于检察官作用的准则》",
      "المبادئ التوجيهية بشأن دور أعضاء النيابة العامة",
    ),
  },
  {
    id: "istanbul_declaration",
    verb: "apply",
    patterns: ["Istanbul Declaration on Transparency in the Judicial Process"],
    name: label6(
      "the Istanbul Declaration on Transparency in the Judicial Process",
      "la Déclaration d'Istanbul sur la transparence du processus judiciaire",
      "la Declaración de Estambul sobre la Transparencia en el Proceso Judicial",
      "Стамбульская декларация о транспарентности судебного процесса",
      "《关于司法程序透明度的伊斯坦布尔宣言》",
      "إعلان إسطنبول بشأن الشفافية في العملية القضائية",
    ),
  },
  {
    id: "sherloc",
    verb: "use",
    patterns: ["Sharing Electronic Resources and Laws on Crime", "SHERLOC"],
    name: label6(
      "the SHERLOC knowledge management portal (Sharing Electronic Resources and Laws on Crime)",
      "le portail de gestion des connaissances SHERLOC (mise en commun de ressources électroniques et de lois contre la criminalité)",
      "el portal de gestión de conocimientos SHERLOC (Intercambio de Recursos Electrónicos y Legislación sobre Delincuencia)",
      "портал управления знаниями SHERLOC («Обмен электронными ресурсами и законодательной информацией о преступности»)",
      "SHERLOC知识管理门户（共享关于犯罪问题的电子资源和法律）",
      "بوابة إدارة المعارف شيرلوك (تبادل الموارد الإلكترونية والقوانين المتعلقة بالجريمة)",
    ),
  },
  {
    id: "mla_writer",
    verb: "use",
    patterns: ["Mutual Legal Assistance Request Writer Tool"],
    name: label6(
      "the Mutual Legal Assistance Request Writer Tool",
      "le Rédacteur de requêtes d'entraide judiciaire",
      "el Programa para Redactar Solicitudes de Asistencia Judicial Recíproca",
      "программа составления просьб об оказании взаимной правовой помощи",
      "司法协助请求书撰写工具",
      "أداة كتابة طلبات المساعدة القانونية المتبادلة",
    ),
  },
  {
    id: "cna_directory",
    verb: "use",
    patterns: ["Directory of Competent National Authorities"],
    name: label6(
      "the Directory of Competent National Authorities",
      "le Répertoire des autorités nationales compétentes",
      "el Directorio de Autoridades Nacionales Competentes",
      "справочник компетентных национальных органов",
      "主管国家机关名录",
      "دليل السلطات الوطنية المختصة",
    ),
  },
  {
    id: "seized_assets_study",
    verb: "use",
    patterns: ["management and disposal of seized and confiscated assets"],
    name: label6(
      "the UNODC study on the effective management and disposal of seized and confiscated assets",
      "l'étude de l'ONUDC sur la gestion et la disposition efficaces des avoirs saisis et confisqués",
      "el estudio de la UNODC sobre la administración y disposición eficaces de los bienes incautados y decomisados",
      "исследование УНП ООН об эффективном управлении арестованными и конфискованными активами и распоряжении ими",
      "联合国毒品和犯罪问题办公室关于有效管理和处置被扣押和没收资产的研究",
      "دراسة مكتب الأمم المتحدة المعني بالمخدرات والجريمة بشأن الإدارة الفعالة للموجودات المحجوزة والمصادرة والتصرف فيها",
    ),
  },
  {
    id: "interpol",
    verb: "use",
    patterns: ["International Criminal Police Organization", "INTERPOL"],
    name: label6(
      "the channels of the International Criminal Police Organization (INTERPOL)",
      "les canaux de l'Organisation internationale de police criminelle (INTERPOL)",
      "los canales de la Organización Internacional de Policía Criminal (INTERPOL)",
      "каналы Международной организации уголовной полиции (Интерпол)",
      "国际刑事警察组织（国际刑警组织）的渠道",
      "قنوات المنظمة الدولية للشرطة الجنائية (الإنتربول)",
    ),
  },
  {
    id: "doha_programme",
    verb: "use",
    patterns: ["Global Programme for the Implementation of the Doha Declaration"],
    name: label6(
      "the Global Programme for the Implementation of the Doha Declaration",
      "le Programme mondial pour la mise en œuvre de la Déclaration de Doha",
      "el Programa Mundial para la Aplicación de la Declaración de Doha",
      "Глобальная программа по осуществлению Дохинской декларации",
      "落实《多哈宣言》全球方案",
      "البرنامج العالمي لتنفيذ إعلان الدوحة",
    ),
  },
];

/** Thematic rules, in the order their questions are listed when several match at the same place. */
export const THEMATIC_RULES: readonly ThematicRule[] = [
  {
    id: "evaluation",
    // Not a needs assessment ("an individual assessment of the needs and risks of offenders"),
    // nor an analysis of data ("the collection and assessment of data to analyse corruption").
    pattern: /\b(?:evaluat(?:e|es|ed|ing|ion|ions)|assess(?:es|ed|ing|ment|ments)?(?!\s+of\s+(?:the\s+)?(?:needs|data)\b))\b/i,
    questions: [
      {
        key: "eval_done",
        type: "yes_no",
        label: label6(
          "Have the measures taken under this paragraph been evaluated or assessed?",
          "Les mesures prises au titre de ce paragraphe ont-elles été évaluées ?",
          "¿Se han evaluado las medidas adoptadas en virtud de este párrafo?",
          "Проводилась ли оценка мер, принятых в соответствии с этим пунктом?",
          "是否已对根据本段采取的措施进行评价或评估？",
          "هل جرى تقييم التدابير المتخذة بموجب هذه الفقرة؟",
        ),
      },
      {
        key: "eval_method",
        type: "text",
        label: label6(
          "How were they evaluated (method, by whom, when)?",
          "Comment ont-elles été évaluées (méthode, par qui, quand) ?",
          "¿Cómo se evaluaron (método, quién y cuándo)?",
          "Как проводилась оценка (метод, кем, когда)?",
          "是如何评价的（方法、由谁、何时）？",
          "كيف جرى التقييم (المنهجية، والجهة التي أجرته، وتوقيته)؟",
        ),
      },
      {
        key: "eval_results",
        type: "text",
        label: label6(
          "What were the main results of the evaluation?",
          "Quels ont été les principaux résultats de l'évaluation ?",
          "¿Cuáles fueron los principales resultados de la evaluación?",
          "Каковы основные результаты оценки?",
          "评价的主要结果是什么？",
          "ما النتائج الرئيسية للتقييم؟",
        ),
      },
    ],
  },
  {
    id: "data",
    pattern: /\b(?:data|statistics|statistical)\b/i,
    questions: [
      {
        key: "data_collected",
        type: "yes_no",
        label: label6(
          "Are data on the matters covered by this paragraph collected?",
          "Des données sur les questions visées par ce paragraphe sont-elles collectées ?",
          "¿Se reúnen datos sobre las cuestiones a que se refiere este párrafo?",
          "Собираются ли данные по вопросам, охватываемым этим пунктом?",
          "是否收集了与本段所涉事项有关的数据？",
          "هل تُجمع بيانات عن المسائل التي تتناولها هذه الفقرة؟",
        ),
      },
      {
        key: "data_shared",
        type: "yes_no",
        label: label6(
          "Are these data published or shared with other States or international organizations?",
          "Ces données sont-elles publiées ou communiquées à d'autres États ou à des organisations internationales ?",
          "¿Se publican esos datos o se comparten con otros Estados u organizaciones internacionales?",
          "Публикуются ли эти данные или передаются ли они другим государствам или международным организациям?",
          "这些数据是否公布或与其他国家或国际组织共享？",
          "هل تُنشر هذه البيانات أو تُتبادل مع دول أخرى أو منظمات دولية؟",
        ),
      },
    ],
  },
  {
    // Its own rule, so that a paragraph whose data are not about people (falsified medical
    // products) can switch it off alone.
    id: "data.disaggregated",
    pattern: /\b(?:data|statistics|statistical)\b/i,
    questions: [
      {
        key: "data_disaggregated",
        type: "yes_no",
        label: label6(
          "Are these data disaggregated by sex and age?",
          "Ces données sont-elles ventilées par sexe et par âge ?",
          "¿Están esos datos desglosados por sexo y edad?",
          "Дезагрегированы ли эти данные по полу и возрасту?",
          "这些数据是否按性别和年龄分列？",
          "هل هذه البيانات مصنفة حسب الجنس والعمر؟",
        ),
      },
    ],
  },
  {
    id: "agreements",
    pattern: /\b(?:agreements?|arrangements?)\b/i,
    questions: [
      {
        key: "agreements_which",
        type: "text",
        label: label6(
          "Which agreements or arrangements has your country concluded or applied in this regard?",
          "Quels accords ou arrangements votre pays a-t-il conclus ou appliqués à cet égard ?",
          "¿Qué acuerdos o arreglos ha concertado o aplicado su país a este respecto?",
          "Какие соглашения или договоренности заключила или применяет ваша страна в этой связи?",
          "贵国在这方面缔结或适用了哪些协定或安排？",
          "ما الاتفاقات أو الترتيبات التي أبرمها بلدكم أو طبّقها في هذا الصدد؟",
        ),
      },
    ],
  },
  {
    id: "networks",
    // Not criminal networks ("trafficking networks", "criminal networks").
    pattern: /\b(?<!trafficking )(?<!criminal )(?:networks?|partnerships?)\b/i,
    questions: [
      {
        key: "networks_which",
        type: "text",
        label: label6(
          "Which networks or partnerships does your country take part in for this purpose?",
          "À quels réseaux ou partenariats votre pays participe-t-il à cette fin ?",
          "¿En qué redes o alianzas participa su país con este fin?",
          "В каких сетях или партнерствах участвует ваша страна в этих целях?",
          "贵国为此参加了哪些网络或伙伴关系？",
          "ما الشبكات أو الشراكات التي يشارك فيها بلدكم لهذا الغرض؟",
        ),
      },
    ],
  },
  {
    id: "victims",
    pattern: /\bvictims?\b/i,
    questions: [
      {
        key: "victims_measures",
        type: "text",
        label: label6(
          "Which measures assist and protect victims under this paragraph (for example support services, protection during proceedings, compensation)?",
          "Quelles mesures permettent d'aider et de protéger les victimes au titre de ce paragraphe (par exemple services d'appui, protection pendant la procédure, indemnisation) ?",
          "¿Qué medidas prestan asistencia y protección a las víctimas en virtud de este párrafo (por ejemplo, servicios de apoyo, protección durante el proceso, indemnización)?",
          "Какие меры обеспечивают помощь и защиту потерпевшим в соответствии с этим пунктом (например, службы поддержки, защита в ходе разбирательства, компенсация)?",
          "根据本段采取了哪些措施援助和保护被害人（例如支助服务、诉讼期间的保护、赔偿）？",
          "ما التدابير المتخذة لمساعدة الضحايا وحمايتهم بموجب هذه الفقرة (مثل خدمات الدعم، والحماية أثناء الإجراءات، والتعويض)؟",
        ),
      },
      {
        key: "victims_specific_needs",
        type: "yes_no",
        label: label6(
          "Do these measures take into account the specific needs of victims, including age, gender and disability?",
          "Ces mesures tiennent-elles compte des besoins particuliers des victimes, notamment de l'âge, du genre et du handicap ?",
          "¿Tienen en cuenta esas medidas las necesidades específicas de las víctimas, incluidos la edad, el género y la discapacidad?",
          "Учитывают ли эти меры особые потребности потерпевших, в том числе связанные с возрастом, полом и инвалидностью?",
          "这些措施是否考虑到被害人的具体需要，包括年龄、性别和残疾？",
          "هل تراعي هذه التدابير الاحتياجات الخاصة للضحايا، بما في ذلك العمر ونوع الجنس والإعاقة؟",
        ),
      },
    ],
  },
  {
    id: "gender",
    pattern: /\b(?:gender(?:-[a-z]+)?|women|girls)\b/i,
    questions: [
      {
        key: "gender_mainstreamed",
        type: "yes_no",
        label: label6(
          "Has a gender perspective been mainstreamed into the measures taken under this paragraph?",
          "Une perspective de genre a-t-elle été intégrée dans les mesures prises au titre de ce paragraphe ?",
          "¿Se ha incorporado una perspectiva de género en las medidas adoptadas en virtud de este párrafo?",
          "Учитывается ли гендерная проблематика в мерах, принятых в соответствии с этим пунктом?",
          "是否已将性别观点纳入根据本段采取的措施？",
          "هل أُدمج منظور جنساني في التدابير المتخذة بموجب هذه الفقرة؟",
        ),
      },
      {
        key: "gender_measures",
        type: "text",
        label: label6(
          "Describe the measures addressing the specific needs of women and girls.",
          "Décrivez les mesures répondant aux besoins particuliers des femmes et des filles.",
          "Describa las medidas que atienden las necesidades específicas de las mujeres y las niñas.",
          "Опишите меры, учитывающие особые потребности женщин и девочек.",
          "请说明满足妇女和女童具体需要的措施。",
          "يُرجى وصف التدابير التي تلبي الاحتياجات الخاصة للنساء والفتيات.",
        ),
      },
    ],
  },
  {
    id: "children",
    pattern: /\b(?:child(?:ren)?|youth|juveniles?)\b/i,
    questions: [
      {
        key: "children_measures",
        type: "text",
        label: label6(
          "Describe the measures specific to children and youth.",
          "Décrivez les mesures propres aux enfants et aux jeunes.",
          "Describa las medidas específicas para los niños y los jóvenes.",
          "Опишите меры, касающиеся конкретно детей и молодежи.",
          "请说明专门针对儿童和青年的措施。",
          "يُرجى وصف التدابير الخاصة بالأطفال والشباب.",
        ),
      },
      {
        key: "children_specialized",
        type: "yes_no",
        label: label6(
          "Are there specialized institutions, procedures or trained staff for children and youth?",
          "Existe-t-il des institutions, des procédures ou un personnel formé spécialement pour les enfants et les jeunes ?",
          "¿Existen instituciones, procedimientos o personal capacitado especializados para los niños y los jóvenes?",
          "Существуют ли специализированные учреждения, процедуры или подготовленный персонал для работы с детьми и молодежью?",
          "是否有专门针对儿童和青年的机构、程序或受过培训的工作人员？",
          "هل توجد مؤسسات أو إجراءات أو موظفون مدربون متخصصون في شؤون الأطفال والشباب؟",
        ),
      },
    ],
  },
  {
    id: "strategy",
    pattern: /\b(?:strateg(?:y|ies)|action plans?)\b/i,
    questions: [
      {
        key: "strategy_adopted",
        type: "yes_no",
        label: label6(
          "Has a national strategy or action plan covering this paragraph been adopted?",
          "Une stratégie ou un plan d'action national couvrant ce paragraphe a-t-il été adopté ?",
          "¿Se ha aprobado una estrategia o un plan de acción nacional que abarque este párrafo?",
          "Принята ли национальная стратегия или план действий, охватывающие этот пункт?",
          "是否通过了涵盖本段的国家战略或行动计划？",
          "هل اعتُمدت استراتيجية أو خطة عمل وطنية تشمل هذه الفقرة؟",
        ),
      },
      {
        key: "strategy_name",
        type: "text",
        label: label6(
          "Give the name and date of adoption of the strategy or action plan.",
          "Indiquez l'intitulé et la date d'adoption de la stratégie ou du plan d'action.",
          "Indique el nombre y la fecha de aprobación de la estrategia o del plan de acción.",
          "Укажите название и дату принятия стратегии или плана действий.",
          "请提供该战略或行动计划的名称和通过日期。",
          "يُرجى ذكر اسم الاستراتيجية أو خطة العمل وتاريخ اعتمادها.",
        ),
      },
    ],
  },
];

/** A rule ready to run: one pattern, and the questions it yields for the matched words. */
export interface CompiledRule {
  id: string;
  pattern: RegExp;
  /** Instrument rules also read the paragraph's footnotes (¶51 names its standards in one). */
  instrument?: boolean;
  questions(limits: TemplateLimits): QuestionDraft[];
}

export function instrumentRuleId(instrumentId: string): string {
  return `instrument.${instrumentId}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A phrase as a regex: case-sensitive, whole words, any run of whitespace between words. */
function phrasePattern(phrases: readonly string[]): RegExp {
  const alternatives = phrases.map((p) => p.trim().split(/\s+/).map(escapeRegExp).join("\\s+"));
  return new RegExp(`(?<![\\w-])(?:${alternatives.join("|")})(?![\\w-])`);
}

function instrumentRule(def: InstrumentDefinition): CompiledRule {
  const [appliedLabel, howLabel] = INSTRUMENT_QUESTIONS[def.verb];
  return {
    id: instrumentRuleId(def.id),
    pattern: phrasePattern(def.patterns),
    instrument: true,
    questions: ({ textMaxLength }) => [
      { key: `std_${def.id}_applied`, type: "yes_no", required: false, label: fillLabel(appliedLabel, def.name), extraAnswers: EXTRAS_BY_VERB[def.verb] },
      { key: `std_${def.id}_how`, type: "text", required: false, maxLength: textMaxLength, label: fillLabel(howLabel, def.name) },
    ],
  };
}

function thematicRule(rule: ThematicRule): CompiledRule {
  return {
    id: rule.id,
    pattern: rule.pattern,
    questions: ({ textMaxLength }) =>
      rule.questions.map((q): QuestionDraft =>
        q.type === "text"
          ? { key: q.key, type: "text", required: false, maxLength: textMaxLength, label: q.label }
          : { key: q.key, type: "yes_no", required: false, label: q.label, extraAnswers: THEMATIC_EXTRAS },
      ),
  };
}

/** All rules: built-in instruments, then the config's own instruments, then the thematic rules. */
export function buildRules(extraInstruments: readonly InstrumentDefinition[] = []): CompiledRule[] {
  return [...BUILT_IN_INSTRUMENTS, ...extraInstruments].map(instrumentRule).concat(THEMATIC_RULES.map(thematicRule));
}

/**
 * Whether a config's rule selection enables a rule: `true` = all, `false` = none, or a list of
 * ids where an entry also enables every rule under it ("instrument" enables "instrument.mandela").
 */
export function ruleEnabled(selection: boolean | readonly string[], ruleId: string): boolean {
  if (typeof selection === "boolean") return selection;
  return selection.some((s) => s === ruleId || ruleId.startsWith(`${s}.`));
}

export interface RuleHit {
  rule: string;
  /** Exact words of the text that matched. */
  words: string;
  /** Where in the text they start (used to order the questions as the text reads). */
  index: number;
  questions: QuestionDraft[];
}

/** Every match of a pattern in a text, as [start, end, words]. */
function allMatches(pattern: RegExp, text: string): [number, number, string][] {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(global)].map((m) => [m.index, m.index + m[0].length, m[0]]);
}

/**
 * Run the rules over one paragraph's (cleaned) text, and its footnotes for instrument rules;
 * one hit per matching rule, at its first match. An instrument named only inside a longer
 * instrument's name ("the Convention against Corruption" inside "the Mechanism for the Review of
 * Implementation of the United Nations Convention against Corruption") is not a hit of its own.
 */
export function matchRules(text: string, rules: readonly CompiledRule[], limits: TemplateLimits, footnotes: readonly string[] = []): RuleHit[] {
  const hits: RuleHit[] = [];
  // The footnotes read after the text, as if appended to it.
  const sources: { text: string; offset: number }[] = [{ text, offset: 0 }];
  let offset = text.length + 1;
  for (const f of footnotes) {
    sources.push({ text: f, offset });
    offset += f.length + 1;
  }
  const instrumentSpans = new Map<CompiledRule, [number, number, string][]>();
  for (const rule of rules) {
    if (!rule.instrument) continue;
    instrumentSpans.set(
      rule,
      sources.flatMap((s) => allMatches(rule.pattern, s.text).map(([a, b, w]): [number, number, string] => [a + s.offset, b + s.offset, w])),
    );
  }
  const covered = (rule: CompiledRule, [a, b]: [number, number, string]) =>
    [...instrumentSpans].some(([other, spans]) => other !== rule && spans.some(([c, d]) => c <= a && b <= d && d - c > b - a));
  rules.forEach((rule) => {
    if (rule.instrument) {
      const first = (instrumentSpans.get(rule) ?? []).find((span) => !covered(rule, span));
      if (first) hits.push({ rule: rule.id, words: first[2], index: first[0], questions: rule.questions(limits) });
      return;
    }
    const match = rule.pattern.exec(text);
    if (!match) return;
    hits.push({ rule: rule.id, words: match[0], index: match.index, questions: rule.questions(limits) });
  });
  // Stable sort: by position in the text, ties keep the rule order.
  return hits.sort((a, b) => a.index - b.index);
}
