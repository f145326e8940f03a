/**
 * The demo's message documents: the three themes of "IGF 2019" (Berlin).
 *
 * The text is written for this demo: plausible conference conclusions on the
 * themes, not the Forum's actual messages. Ids are assigned by the id rules
 * with a seeded generator, so every seed of the demo has the same ids.
 */
import { buildDocument, seededIdGenerator, type DocumentJson, type DocumentSpec } from "@/lib/documents";
import type { FrontMatter } from "@/lib/events/front-matter";
import type { ReportInput } from "@/lib/events/report-content";
import type { SessionType } from "@/lib/generated/prisma/enums";

export interface DemoTheme {
  slug: string;
  title: string;
  doc: DocumentJson;
  frontMatter: FrontMatter;
}

/** The demo event's "how the messages were developed" (written for the demo). */
export const DEMO_MESSAGES_METHOD = [
  "These messages give policy makers a short, high-level account of what the forum discussed this year, theme by theme. They are drawn from the sessions of the week: the reports their organisers filed and the notes the rapporteurs took in the rooms.",
  "The rapporteurs of each theme keep one living document all week. On the mornings of Day 3 and Day 4 its cumulative draft is published for participants to comment on; every comment receives a disposition, and the drafts change where the comments make a case. The final set is published at the close of the forum.",
].join("\n\n");

const securityFrontMatter: FrontMatter = {
  about: [
    "Why trust in online services depends on safe users and dependable networks alike.",
    "How the core infrastructure keeps working through attacks, failures and disasters.",
    "What governments, companies, the technical community and civil society each owe to a secure Internet.",
    "Where skills and cooperation are missing, and what closing those gaps would take.",
  ],
  sdgs: [4, 9, 16, 17],
  tags: [
    "Child online safety",
    "Cyber attacks",
    "Domain Name System",
    "Encryption",
    "Trust and accountability",
    "Cybercrime",
    "Hate speech",
  ],
  questions: [
    {
      heading: "Trust and accountability",
      questions: [
        "What makes users trust a digital service, and what makes them lose that trust?",
        "Who should answer for a security failure that harms people across borders?",
        "How can norms of responsible behaviour in cyberspace be monitored in practice?",
      ],
    },
    {
      heading: "Infrastructure",
      questions: [
        "Which shared resources of the Internet most need protection, and by whom?",
        "How can smaller operators afford the security practices that large ones adopt?",
      ],
    },
  ],
};

const dataGovernanceFrontMatter: FrontMatter = {
  about: [
    "How data can serve development while the people it describes keep control over it.",
    "What rules on cross-border data flows mean for trade, research and rights.",
    "Which institutions can make data governance accountable to the public.",
  ],
  sdgs: [8, 9, 10, 16],
  tags: ["Privacy", "Cross-border data flows", "Open data", "Artificial intelligence", "Data protection"],
  questions: [
    {
      heading: "Data and development",
      questions: [
        "How can countries with small data industries benefit from the data their citizens produce?",
        "What would a fair exchange of data between public bodies and platforms look like?",
      ],
    },
    {
      heading: "Rights",
      questions: [
        "How can consent stay meaningful when data is combined and reused at scale?",
        "What remedies should people have when automated decisions about them go wrong?",
      ],
    },
  ],
};

const inclusionFrontMatter: FrontMatter = {
  about: [
    "Who is still offline, and why connection alone does not make someone included.",
    "What affordable access, local content and digital skills each contribute.",
    "How people with disabilities, women and rural communities take part in shaping the Internet.",
  ],
  sdgs: [4, 5, 9, 10],
  tags: ["Access", "Affordability", "Accessibility", "Digital literacy", "Gender gap", "Local content"],
  questions: [
    {
      heading: "Access and affordability",
      questions: [
        "Which policies have lowered the cost of access the most, and can they travel to other countries?",
        "How can community networks be licensed and financed?",
      ],
    },
    {
      heading: "Meaningful participation",
      questions: [
        "What keeps newly connected people from taking part in policy discussions?",
        "How should accessibility be built into public digital services from the start?",
      ],
    },
  ],
};

const security: DocumentSpec = {
  introduction: [
    "These messages sum up what participants said, across many sessions, about keeping people, networks and services safe. They are the rapporteurs' draft and do not bind any stakeholder; comments are welcome while the comment window is open.",
    "Four threads ran through the week: the safety of individual users, the resilience of the infrastructure everyone depends on, the cooperation needed between governments and other stakeholders, and the skills without which none of this can be achieved.",
  ],
  sections: [
    {
      title: "Safety and Security Online",
      messages: [
        [
          "Safety online is lived by people, not by systems. Discussions kept returning to the user who is defrauded, harassed or locked out of an account, and to the fact that this person rarely knows where to turn for help.",
          "Participants asked that any security measure be judged first by what it changes for that person, and that help lines, reporting channels and remedies be easy to find in every country.",
        ],
        [
          "Children and young people are online earlier and for longer than policies assume. Protection works best when it is designed together with young people, respects their right to take part, and does not rely on monitoring alone.",
          "Parents and teachers asked for guidance that explains risks without spreading fear, and young speakers reminded the Forum that they are often the first to notice new forms of abuse.",
        ],
        [
          "Online gender-based violence silences women, girls and gender-diverse people, and drives many of them out of public debate. Platforms were urged to make reporting simple, to answer within a known time, and to publish how often they act.",
          "Several speakers stressed that abuse crossing from one service to another needs cooperation between companies, and that victims should not have to report the same attack again and again.",
        ],
        [
          "Fraud and scams are the harm most people actually meet. Speakers saw value in shared warning systems between banks, telecom operators and platforms, provided that the data exchanged is limited to what the warning needs.",
          "Older people and first-time users are hit hardest, and clear, repeated advice through channels they already trust was described as the most effective protection.",
        ],
        [
          "Strong encryption protects journalists, human rights defenders, businesses and ordinary users alike. Several sessions cautioned that any deliberate weakness built into encryption for one purpose will sooner or later be found and used for another.",
          "Law enforcement needs were acknowledged, and participants asked that they be met by means that do not lower everyone's security, such as better forensic skills and faster cooperation between authorities.",
        ],
        [
          "Disinformation campaigns increasingly borrow the methods of cyberattacks: stolen data, fake accounts, coordinated amplification. Responses should treat these campaigns as a security problem as well as a content problem, while protecting freedom of expression.",
          "Election authorities, in particular, were encouraged to work with platforms and researchers well ahead of a vote rather than during it.",
        ],
        [
          "Good security has to be usable. Default settings, clear language and recovery procedures that work for people without technical knowledge protect more users than features that only experts switch on.",
        ],
        [
          "Personal data held by companies and public bodies is a target in itself. Breaches should be notified promptly to those affected, with plain advice on what to do next, and organisations should keep no more data than they need.",
        ],
      ],
    },
    {
      title: "Security and Resilience of the Infrastructure",
      messages: [
        [
          "The public core of the Internet, including routing, naming and the protocols that bind them, is a shared resource. Participants called on all actors to refrain from attacking it and to treat its stability as a common responsibility.",
          "Operators and researchers who keep this core running asked to be consulted before laws or sanctions affect it, since changes meant for one country can have effects far beyond its borders.",
        ],
        [
          "Routing security has improved where operators agreed on simple, collective practices such as filtering and route origin validation. Wider adoption, including by smaller networks, was seen as one of the most effective steps available today.",
          "Internet exchange points and network operator groups were credited with spreading these practices, and were encouraged to keep offering hands-on help to newcomers.",
        ],
        [
          "Secure DNS deployment remains uneven across regions. Speakers encouraged registries, registrars and resolver operators to share tools and experience so that signing and validation become routine rather than exceptional.",
          "Where local expertise is scarce, regional workshops and mentoring between registries were described as the quickest way to close the gap.",
        ],
        [
          "Connected devices are shipped with weak passwords and without updates, then stay in use for years. Security by design, a published support period and a way to report vulnerabilities should be expected of every manufacturer, large or small.",
          "Labels that tell buyers how long a device will receive security updates were welcomed as a practical first step, and public procurement was named as a lever to make such commitments common.",
        ],
        [
          "Essential services now depend on a few cloud and network providers. Resilience requires knowing these dependencies, testing what happens when one of them fails, and keeping the ability to change provider.",
          "Hospitals, energy companies and water utilities described how an attack on a supplier reached them without any fault of their own, and asked for supply-chain security to be addressed across sectors.",
        ],
        [
          "Incident response works when teams already know and trust each other before a crisis. Participants asked for stable funding of national and sectoral response teams and for their participation in regional and global networks.",
          "Response teams should be able to share technical information quickly without fear that it will be used for purposes other than defence.",
        ],
        [
          "Emerging technologies, from machine learning to new mobile networks, bring their own risks. Participants preferred building security into standards at an early stage to adding it once systems are deployed, and asked that standards bodies stay open to contributions from all regions.",
        ],
      ],
    },
    {
      title: "Policy and Cooperation",
      messages: [
        [
          "Many norms of responsible state behaviour in cyberspace have already been agreed. The gap lies in implementation, and participants asked states to report on what they do to apply the norms, not only on what they endorse.",
          "Civil society and academic observers offered to help track this implementation, and several states said that voluntary national reports had helped their own agencies to coordinate.",
        ],
        [
          "Multistakeholder cooperation is not a courtesy but a condition of effectiveness: most of the infrastructure is run by private actors, most of the expertise sits with technical communities and researchers, and most of the harm is felt by users.",
          "Processes that decide on security matters should therefore give these groups a real place, with enough notice and documents to prepare.",
        ],
        [
          "Parallel initiatives at the United Nations and elsewhere risk fragmenting the debate. Speakers hoped that the different processes would exchange information, avoid duplication and keep their discussions open to non-governmental participants.",
          "The Forum itself was seen as a place where the people following these processes can meet, compare notes and bring the views of the wider community back into them.",
        ],
        [
          "Coordinated vulnerability disclosure benefits everyone. Governments were encouraged to protect good-faith security researchers in law, and to be transparent about how they decide whether to disclose or retain the vulnerabilities they find.",
          "Companies that invite reports and fix problems quickly were cited as examples; those that threaten researchers with legal action discourage exactly the people who help them.",
        ],
        [
          "Cybercrime laws must be precise and respect human rights. Vague offences and broad powers of access can be turned against journalists, activists and researchers, and participants asked for independent oversight of cross-border requests for data.",
        ],
        [
          "Trust between countries grows from practical cooperation: shared exercises, points of contact that answer, and agreed ways to ask for help during an incident. Such confidence-building measures were described as modest but valuable.",
          "Regional organisations have gained experience with these measures, and participants suggested that they share it with regions where cooperation is only beginning.",
        ],
        [
          "The private sector has both a responsibility and an interest in a secure environment. Voluntary commitments were welcomed, and participants asked that they come with public reporting so that progress can be followed.",
        ],
        [
          "Attribution of attacks remains difficult and politically sensitive. Several speakers argued that careful, evidence-based attribution, with the evidence shared where possible, strengthens the norms, while hasty accusations weaken them.",
        ],
      ],
    },
    {
      title: "Capacity Building",
      messages: [
        [
          "There is a global shortage of security professionals, and it weighs most on developing countries. Education from school onwards, apprenticeships and recognised certifications were named as ways to widen the pool of talent.",
          "Employers were asked to value demonstrated skills as much as formal degrees, which would open the field to people who learned outside universities.",
        ],
        [
          "Capacity building should answer needs defined by the beneficiaries themselves. Programmes designed far away, without local partners, tend to end when the funding ends.",
          "Participants favoured long-term partnerships, shared curricula and the training of trainers.",
        ],
        [
          "Policymakers need enough technical understanding to judge the effects of the rules they write, and technical experts need to understand how policy is made. Joint training and exchanges between the two groups were recommended.",
          "Parliamentarians in particular asked for short, neutral briefings on technical questions that come before them, prepared by people without a stake in the outcome.",
        ],
        [
          "Small and medium-sized enterprises and local governments are frequent targets with few resources. Simple baseline guidance, affordable services and sector-based information sharing would raise their protection considerably.",
          "Insurers, chambers of commerce and local authorities were named as intermediaries able to bring such guidance to organisations that will never attend a security conference.",
        ],
        [
          "Awareness campaigns reach further when they use local languages, trusted messengers and concrete situations. Participants shared examples from libraries, community networks and youth groups that had changed everyday habits.",
          "Campaigns were most successful when they were repeated over time and measured, so that organisers could learn which messages actually changed behaviour.",
        ],
        [
          "Women remain a small minority in the security profession. Mentoring, visible role models and workplaces that retain women once hired were seen as necessary both for fairness and to close the skills gap.",
        ],
        [
          "Donors and implementing organisations should coordinate, so that several programmes do not train the same officials while other needs remain unmet. A shared, public overview of capacity-building projects was proposed as a simple tool.",
          "Participants also asked that results be measured by what institutions can do afterwards, not by the number of workshops held.",
        ],
      ],
    },
  ],
};

const dataGovernance: DocumentSpec = {
  introduction: [
    "Sessions on data governance looked at how data can serve development and innovation while people keep control over information about themselves.",
  ],
  sections: [
    {
      title: "Data and Development",
      messages: [
        [
          "Data can improve public services, research and economic opportunity, but only if the communities it describes also share in its benefits. Participants asked for models of data sharing that build local capacity rather than only extracting value.",
        ],
        [
          "Open government data is most useful when it is published in reusable formats, kept up to date and accompanied by clear licences.",
        ],
      ],
    },
    {
      title: "Privacy and Cross-Border Flows",
      messages: [
        [
          "Data protection rules differ across jurisdictions, and businesses and users face uncertainty when data crosses borders. Speakers encouraged interoperable frameworks built on shared principles of privacy and accountability.",
          "Smaller economies asked to be part of shaping these frameworks rather than adopting them afterwards.",
        ],
        [
          "Consent alone cannot carry the weight of protecting privacy. Purpose limitation, data minimisation and independent supervisory authorities were described as equally necessary.",
        ],
      ],
    },
  ],
};

const digitalInclusion: DocumentSpec = {
  introduction: [
    "Digital inclusion sessions asked what it takes for the people still offline, and those online with limited means, to use the Internet fully and safely.",
  ],
  sections: [
    {
      title: "Access and Affordability",
      messages: [
        [
          "About half of the world's population is still not connected, and the gap is widest in rural areas and least developed countries. Community networks, shared infrastructure and spectrum policies that favour local operators were put forward as complements to commercial roll-out.",
        ],
        [
          "Affordability is about more than the price of data: devices, electricity and digital skills all determine whether a connection is actually used.",
        ],
      ],
    },
    {
      title: "Meaningful Participation",
      messages: [
        [
          "Content and services in local languages draw new users online and keep them there. Participants asked for support to local content creators and for accessibility standards to be applied from the start of every project.",
        ],
        [
          "Persons with disabilities, older people and displaced communities should be involved in designing the policies meant to include them.",
          "Their participation in forums like this one also needs practical support: captioning, remote participation and travel funding.",
        ],
      ],
    },
  ],
};

function build(slug: string, spec: DocumentSpec): DocumentJson {
  return buildDocument(spec, { generateId: seededIdGenerator(`igf-2019/${slug}`) });
}

export const demoThemes: DemoTheme[] = [
  {
    slug: "data-governance",
    title: "Data governance",
    doc: build("data-governance", dataGovernance),
    frontMatter: dataGovernanceFrontMatter,
  },
  {
    slug: "digital-inclusion",
    title: "Digital inclusion",
    doc: build("digital-inclusion", digitalInclusion),
    frontMatter: inclusionFrontMatter,
  },
  {
    slug: "security",
    title: "Security, safety, stability and resilience",
    doc: build("security", security),
    frontMatter: securityFrontMatter,
  },
];

/** The security theme's sub-themes (facilitators invented for the demo). */
export const DEMO_SUB_THEMES = [
  { name: "Safety", facilitator: "Mara Okafor" },
  { name: "Security", facilitator: "Jonas Lindqvist" },
  { name: "Stability and resilience", facilitator: "Priya Raman" },
  { name: "Technology, industry and trade", facilitator: "Tomás Aguirre" },
  { name: "Internet ethics", facilitator: "Lea Brandt" },
  { name: "Human rights", facilitator: "Samir Haddad" },
];

export interface DemoSession {
  title: string;
  type: SessionType;
  /** Day of the forum, 1 to 4 (Day 3 is the day the demo is seeded). */
  day: number;
  start: string;
  end: string;
  room: string;
  subThemes: string[];
  organisers: { name: string; organisation: string; country: string; stakeholderGroup: string }[];
  description: string;
  agenda?: string;
}

const person = (name: string, organisation: string, country: string, stakeholderGroup: string) => ({
  name,
  organisation,
  country,
  stakeholderGroup,
});

/** Ten sessions of the security theme, in the style of a forum programme (titles and texts written for the demo). */
export const DEMO_SESSIONS: DemoSession[] = [
  {
    title: "Introductory session: what keeps the Internet safe and secure",
    type: "INTRODUCTORY",
    day: 1,
    start: "10:00",
    end: "11:00",
    room: "Main hall",
    subThemes: ["Safety", "Security", "Stability and resilience"],
    organisers: [person("Jonas Lindqvist", "Forum secretariat", "Sweden", "Intergovernmental organisation")],
    description:
      "Opens the theme: what participants mean by safety, security, stability and resilience, which questions the week's sessions will take up, and how their conclusions feed the messages.",
    agenda:
      "1. Welcome and purpose of the theme\n2. Four short views: a government, a company, a network operator, a civil society group\n3. Questions from the room and online\n4. What the theme's sessions will cover this week",
  },
  {
    title: "Protecting children online without closing the open web",
    type: "WORKSHOP",
    day: 1,
    start: "14:00",
    end: "15:30",
    room: "Room 3",
    subThemes: ["Safety", "Human rights"],
    organisers: [person("Mara Okafor", "Kids Online Network", "Nigeria", "Civil society")],
    description:
      "How platforms, parents, schools and regulators share the work of keeping children safe, and where age checks help or harm.",
  },
  {
    title: "Norms of responsible state behaviour in cyberspace",
    type: "MAIN",
    day: 2,
    start: "10:00",
    end: "11:30",
    room: "Main hall",
    subThemes: ["Security", "Internet ethics"],
    organisers: [person("Lea Brandt", "Ministry of Foreign Affairs", "Germany", "Government")],
    description:
      "Which norms states have agreed on, how they are implemented, and what other stakeholders can do to hold states to them.",
  },
  {
    title: "Routing security: from best practice to common practice",
    type: "BEST_PRACTICE_FORUM",
    day: 2,
    start: "14:00",
    end: "15:30",
    room: "Room 1",
    subThemes: ["Stability and resilience", "Technology, industry and trade"],
    organisers: [person("Priya Raman", "Regional Internet Registry", "India", "Technical community")],
    description:
      "Operators compare what made route filtering and origin validation spread in their region, and what still holds it back.",
  },
  {
    title: "Encryption and lawful access",
    type: "OPEN_FORUM",
    day: 2,
    start: "16:00",
    end: "17:00",
    room: "Room 4",
    subThemes: ["Security", "Human rights"],
    organisers: [person("Samir Haddad", "Digital Rights Lab", "Lebanon", "Civil society")],
    description:
      "Whether exceptional access can exist without weakening security for everyone, heard from law enforcement, engineers and rights groups.",
  },
  {
    title: "Security of connected devices in the home",
    type: "DYNAMIC_COALITION",
    day: 3,
    start: "09:00",
    end: "10:30",
    room: "Room 2",
    subThemes: ["Technology, industry and trade", "Safety"],
    organisers: [person("Tomás Aguirre", "Coalition on Device Security", "Argentina", "Private sector")],
    description: "Baseline requirements for consumer devices, labelling schemes, and how procurement can reward secure products.",
  },
  {
    title: "National and regional IGFs on cybercrime capacity",
    type: "NRI",
    day: 3,
    start: "11:00",
    end: "12:30",
    room: "Room 5",
    subThemes: ["Security"],
    organisers: [person("Aiko Tanaka", "Asia Pacific regional IGF", "Japan", "Technical community")],
    description: "Initiatives from several regions report on training prosecutors and judges, and on cooperation across borders.",
  },
  {
    title: "Hate speech, disinformation and the limits of moderation",
    type: "WORKSHOP",
    day: 3,
    start: "14:00",
    end: "15:30",
    room: "Room 3",
    subThemes: ["Human rights", "Internet ethics"],
    organisers: [person("Grace Mensah", "Media Freedom Institute", "Ghana", "Academia")],
    description: "What moderation at scale can and cannot do, and how transparency reports and appeals protect users' rights.",
  },
  {
    title: "Resilience of undersea cables and data centres",
    type: "WORKSHOP",
    day: 4,
    start: "10:00",
    end: "11:30",
    room: "Room 1",
    subThemes: ["Stability and resilience"],
    organisers: [person("Erik Solberg", "Nordic Operators Group", "Norway", "Private sector")],
    description: "Redundancy, repair capacity and the protection of physical infrastructure that the whole network depends on.",
  },
  {
    title: "Concluding session: the theme's messages",
    type: "CONCLUDING",
    day: 4,
    start: "15:00",
    end: "16:00",
    room: "Main hall",
    subThemes: ["Safety", "Security", "Stability and resilience"],
    organisers: [person("Jonas Lindqvist", "Forum secretariat", "Sweden", "Intergovernmental organisation")],
    description:
      "The rapporteurs present the draft messages of the theme and take the last comments before the final set is published.",
  },
];

/** A demo session report: which session, who filed it, and its eight parts (our own words). */
export interface DemoReport {
  session: string;
  reporter: string;
  content: ReportInput;
}

const text = (value: string) => ({ text: value, notApplicable: null });
const doesNotApply = (reason: string) => ({ text: "", notApplicable: reason });

/** Reports of the introductory session (every part, two marked "does not apply") and of four others. */
export const DEMO_REPORTS: DemoReport[] = [
  {
    session: "Introductory session: what keeps the Internet safe and secure",
    reporter: "rapporteur3@example.org",
    content: {
      policyQuestions: text(
        "- What do participants mean by safety, security, stability and resilience, and where do these ideas overlap?\n- Which of the theme's six sub-themes matter most to each stakeholder group?\n- What should the week's sessions bring back so that the theme's messages reflect them?",
      ),
      summary: text(
        "The session opened the theme. Four short statements, from a government, a hosting company, a network operator and a digital rights group, each described the security problem that costs them most: fraud against citizens, attacks on small businesses' websites, route leaks, and surveillance of activists.\n\nIn the discussion, several participants warned against treating safety and security as purely technical matters, and others asked that the messages name concrete next steps rather than general wishes. The facilitators presented the six sub-themes and how each would be followed through the week.",
      ),
      recommendations: {
        items: [],
        notApplicable: "The session introduced the theme; recommendations come from the sessions that follow it.",
      },
      initiatives: text(
        "Participants pointed to national computer emergency response teams, operator groups that share routing data, and child helplines as work already under way on the questions of the theme.",
      ),
      progress: doesNotApply("The session introduced the theme; progress is for the sessions that follow it."),
      participation: { onSite: 120, women: 50, online: 35, notApplicable: null },
      gender: text(
        "Gender came up under the human rights and Internet ethics sub-themes, mainly as online violence against women; the session did not discuss it further, as its purpose was to introduce the theme.",
      ),
      outputs: {
        links: [{ label: "Recording of the session", url: "https://example.org/igf-2019/intro-security-recording" }],
        notApplicable: null,
      },
    },
  },
  {
    session: "Protecting children online without closing the open web",
    reporter: "rapporteur1@example.org",
    content: {
      policyQuestions: text(
        "How can children be protected online while keeping their right to take part and to find information?",
      ),
      summary: text(
        "Speakers agreed that monitoring alone does not protect children and can harm their trust. Young participants described how they report abuse among themselves before adults notice it. Age checks divided the room: useful for a few high-risk services, intrusive when applied everywhere.",
      ),
      recommendations: {
        items: [
          { id: "rchild001", text: "Design protection measures together with children and young people." },
          { id: "rchild002", text: "Give parents and teachers guidance that explains risks without spreading fear." },
        ],
        notApplicable: null,
      },
      initiatives: text("Child helplines, school programmes on digital skills and platform safety centres were mentioned."),
      progress: text("Participants proposed a shared list of reporting channels per country, kept up to date by helplines."),
      participation: { onSite: 80, women: 46, online: 22, notApplicable: null },
      gender: text(
        "Girls were described as more exposed to image-based abuse; the session asked for data broken down by gender.",
      ),
      outputs: { links: [], notApplicable: "No written output yet; the organisers will add their summary paper." },
    },
  },
  {
    session: "Norms of responsible state behaviour in cyberspace",
    reporter: "rapporteur2@example.org",
    content: {
      policyQuestions: text("Which agreed norms are being applied, and how can others follow what states actually do?"),
      summary: text(
        "Government speakers reported on voluntary national surveys of how they apply the norms. Civil society and academics offered to track implementation independently. Several speakers worried that parallel processes at the United Nations would split the discussion.",
      ),
      recommendations: {
        items: [
          { id: "rnorms001", text: "States should report each year, in public, on how they apply the agreed norms." },
          { id: "rnorms002", text: "Parallel processes should share documents and meet each other's participants." },
        ],
        notApplicable: null,
      },
      initiatives: text("Regional confidence-building measures and voluntary national surveys."),
      progress: text("An open tracker of national reports was proposed, hosted by an academic network."),
      participation: { onSite: 150, women: null, online: 60, notApplicable: null },
      gender: text("Not discussed."),
      outputs: {
        links: [{ label: "Transcript", url: "https://example.org/igf-2019/norms-transcript" }],
        notApplicable: null,
      },
    },
  },
  {
    session: "Routing security: from best practice to common practice",
    reporter: "rapporteur3@example.org",
    content: {
      policyQuestions: text("Why do simple routing safeguards spread slowly, and who can speed them up?"),
      summary: text(
        "Operators showed that filtering and route origin validation cut incidents where whole regions adopted them. Small networks lack the staff to set them up; exchange points and operator groups fill part of that gap.",
      ),
      recommendations: {
        items: [
          { id: "rroute001", text: "Exchange points should offer route filtering to their members by default." },
          { id: "rroute002", text: "Operator groups should keep running hands-on workshops in regions where adoption is low." },
        ],
        notApplicable: null,
      },
      initiatives: text("Operator codes of conduct on routing, and measurement projects that publish adoption figures."),
      progress: text("The forum will publish a short guide for small networks in three languages."),
      participation: { onSite: 45, women: 9, online: 30, notApplicable: null },
      gender: text("Speakers noted how few women work in network operations and welcomed mentoring schemes."),
      outputs: {
        links: [{ label: "Draft guide for small networks", url: "https://example.org/igf-2019/routing-guide" }],
        notApplicable: null,
      },
    },
  },
  {
    session: "Encryption and lawful access",
    reporter: "rapporteur1@example.org",
    content: {
      policyQuestions: text("Can the needs of law enforcement be met without weakening encryption for everyone?"),
      summary: text(
        "Security researchers explained that a weakness built in for one purpose is eventually found by others. Police representatives described cases stalled by encrypted devices. Both sides agreed that skills and faster cooperation between authorities would solve many of these cases.",
      ),
      recommendations: {
        items: [
          { id: "rcrypt001", text: "Do not require deliberate weaknesses in encryption." },
          { id: "rcrypt002", text: "Invest in forensic skills and faster cross-border requests for evidence instead." },
        ],
        notApplicable: null,
      },
      initiatives: text("Mutual legal assistance reform and training programmes for investigators."),
      progress: text("A follow-up meeting between researchers and police officers is planned for next year."),
      participation: { onSite: 95, women: 38, online: 41, notApplicable: null },
      gender: text("Speakers said that encryption protects women facing stalking by former partners."),
      outputs: { links: [], notApplicable: "The session produced no written output." },
    },
  },
];

/** Which seeded security messages draw from which sessions (1-based message numbers); one cites a single recommendation. */
export const DEMO_CITATIONS: { message: number; session: string; item?: string }[] = [
  { message: 1, session: "Introductory session: what keeps the Internet safe and secure" },
  { message: 2, session: "Protecting children online without closing the open web" },
  { message: 5, session: "Encryption and lawful access", item: "rcrypt001" },
  { message: 10, session: "Routing security: from best practice to common practice" },
  { message: 16, session: "Norms of responsible state behaviour in cyberspace" },
];

/** The session whose reporter (Pat Participant) has not filed a report yet. */
export const DEMO_PENDING_REPORT = "Security of connected devices in the home";
