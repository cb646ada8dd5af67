"""Hand-kept therapy vocabulary for goal matching: concepts, their wording, and filler words.

Plain data, so a clinician can read and amend it without touching the scoring in matching.py.
"""

# name -> (weight, broader concepts, terms). Terms are plain English separated by ";" and may be
# phrases; matching.py stems them as it stems goal titles, so "worry" also covers "worried".
# ISSUE is something a goal is about (anxiety, grief). SETTING is a place or a person (work,
# school, a partner): it says where a goal lives, not what it is about, so it weighs less.
# A broader concept gives partial credit: "panic" and "worry" both sit under "anxiety".
ISSUE, SETTING = 1.0, 0.6

CONCEPTS: dict[str, tuple[float, tuple[str, ...], str]] = {
    # Stress and anxiety
    "stress": (
        ISSUE,
        (),
        "stress; stressed; stressful; stressed out; pressure; under pressure; tension; tense; "
        "overwhelm; overwhelmed; overwhelming; overload; overloaded; on my plate; strain; cope; "
        "coping; relax; relaxed; relaxation; unwind; wound up; demands; falling apart; "
        "fall apart; breakdown; break down",
    ),
    "burnout": (
        ISSUE,
        ("stress",),
        "burnout; burn out; burning out; burnt out; burned out; overwork; overworking; "
        "work life balance; too many hours; long hours; overtime; workaholic; work hours; "
        "working hours; hours at work",
    ),
    "anxiety": (
        ISSUE,
        (),
        "anxiety; anxious; anxieties; nervous; nerves; fear; fears; afraid; scared; frightened; "
        "terrified; dread; dreading; uneasy; on edge; phobia; phobias; jittery; exposure; "
        "face my fears; facing my fears; safety behaviours; safety behaviors",
    ),
    "worry": (
        ISSUE,
        ("anxiety",),
        "worry; worrying; worried; worries; overthinking; overthink; ruminate; ruminating; "
        "rumination; what ifs; catastrophising; catastrophizing; catastrophic; worst case; "
        "mind racing; racing thoughts; racing mind; switch off; quiet my mind",
    ),
    "panic": (
        ISSUE,
        ("anxiety",),
        "panic; panicking; panicked; panic attack; panic attacks; freak out; freaking out; "
        "agoraphobia; agoraphobic",
    ),
    # Avoidance keeps both anxiety and procrastination going, so it leans on both.
    "avoidance": (ISSUE, ("anxiety", "procrastination"), "avoid; avoiding; avoidance; avoidant"),
    "obsessions": (
        ISSUE,
        ("anxiety",),
        "ocd; obsessive; obsessions; compulsions; compulsive; intrusive thoughts; rituals; "
        "checking; checking things; over and over; reassurance; reassurance seeking; "
        "washing my hands; handwashing; contamination",
    ),
    "speaking": (
        ISSUE,
        ("anxiety",),
        "public speaking; presentation; presentations; speak in meetings; speaking in meetings; "
        "speech; stage fright",
    ),
    # Calm is the other side of both anxiety and anger.
    "calm": (ISSUE, ("anxiety", "anger"), "calm; calmer; calm down; calmly; composed"),
    "trauma": (
        ISSUE,
        (),
        "trauma; traumatic; traumatised; traumatized; ptsd; flashback; flashbacks; nightmares; "
        "intrusive memories; triggered; triggers; abuse; assault; hypervigilance; grounding; "
        "dissociation; dissociate; dissociating; spacing out",
    ),
    # Self-worth
    "self_worth": (
        ISSUE,
        (),
        "self esteem; self worth; self image; self respect; self belief; believe in myself; "
        "value myself; like myself; accept myself; self acceptance; good enough; "
        "not good enough; worthless; worth; worthy; deserve; deserving; insecure; insecurity; "
        "inadequate; inferior; self doubt; imposter syndrome; impostor syndrome; like a failure; "
        "a failure; burden; a burden; burdensome; burdensomeness",
    ),
    "confidence": (
        ISSUE,
        ("self_worth",),
        "confidence; confident; self confidence; self confident; unconfident; shy; shyness",
    ),
    "self_criticism": (
        ISSUE,
        ("self_worth",),
        "self criticism; self critical; critical of myself; hard on myself; hard on yourself; "
        "beat myself up; beating myself up; inner critic; criticise myself; criticize myself; "
        "blame myself; self blame; put myself down; putting myself down; negative self talk; "
        "self talk; self compassion; self compassionate; kind to myself; kinder to myself; "
        "gentle with myself; gentler with myself; self kindness; forgive myself; "
        "self forgiveness; hate myself; hating myself; self hatred; self loathing; love myself; "
        "loving myself",
    ),
    "shame_guilt": (
        ISSUE,
        ("self_worth",),
        "shame; ashamed; guilt; guilty; embarrassed; embarrassment; humiliated; regret; regrets",
    ),
    "comparison": (
        ISSUE,
        ("self_worth",),
        "compare; comparing; comparison; comparisons; compare myself; envy; envious",
    ),
    "perfectionism": (
        ISSUE,
        ("self_worth",),
        "perfectionism; perfectionist; perfectionistic; perfect; perfection; flawless; "
        "high standards; standards; expectations; unrealistic expectations; "
        "high expectations; unreasonable expectations",
    ),
    "body_image": (
        ISSUE,
        ("self_worth",),
        "body image; body; my body; relationship with my body; body dissatisfaction; "
        "body confidence; appearance; how i look; the way i look; ugly; attractive",
    ),
    "identity": (
        ISSUE,
        (),
        "identity; who i am; coming out; sexuality; gender; true self; be myself; being myself; "
        "authentic",
    ),
    # Setbacks and resilience
    "setbacks": (
        ISSUE,
        (),
        "setback; setbacks; adversity; things go wrong; go wrong; goes wrong; disappointment; "
        "disappointments; criticism; feedback; negative feedback",
    ),
    "failure": (
        ISSUE,
        ("setbacks",),
        "failure; failures; fail; failing; failed; mistake; mistakes; error; errors; "
        "messing up; mess up; like a failure; a failure",
    ),
    "rejection": (
        ISSUE,
        ("setbacks",),
        "rejection; rejections; rejected; reject; turned down",
    ),
    "resilience": (
        ISSUE,
        ("setbacks",),
        "resilience; resilient; bounce back; bouncing back; recover faster; get back up; "
        "keep going; persevere; perseverance; grit",
    ),
    "acceptance": (
        ISSUE,
        (),
        "acceptance; accept; accepting; sit with; sitting with; tolerate; tolerance; let go; "
        "letting go; make peace; be okay; feel okay; be ok; feel ok; mindfulness; mindful; "
        "meditation; meditate",
    ),
    # Mood
    "emotions": (
        ISSUE,
        (),
        "emotions; emotion; emotional; my feelings; mood swings; mood; moods; cry; crying; "
        "tearful; emotion regulation; regulate; distress; distress tolerance",
    ),
    "depression": (
        ISSUE,
        ("emotions",),
        "depression; depressed; depressive; low mood; feel low; feeling low; down; "
        "feeling down; sad; sadness; hopeless; hopelessness; empty; emptiness; numb; miserable; "
        "unhappy; happy; happier; happiness; joy; enjoy; enjoyment; despair",
    ),
    "negative_thinking": (
        ISSUE,
        ("emotions",),
        "negative thoughts; negative thinking; unhelpful thoughts; unhelpful thinking; "
        "thinking patterns; thought patterns; cognitive distortions; cognitive restructuring; "
        "black and white thinking; all or nothing thinking; positive; positively; negative; "
        "negativity; pessimistic; optimistic",
    ),
    "activation": (
        ISSUE,
        ("depression",),
        "behavioural activation; behavioral activation; daily activity; activity; activities; "
        "do things; doing things; get out of bed; getting out of bed; get up in the morning; "
        "hobbies; hobby; fun; things i enjoy; pleasure; pleasurable; pleasant activities",
    ),
    "bipolar": (ISSUE, ("emotions",), "bipolar; mania; manic; hypomania"),
    "anger": (
        ISSUE,
        ("emotions",),
        "anger; angry; temper; lose my temper; losing my temper; irritable; irritability; "
        "irritated; frustration; frustrated; rage; snap; snapping; outburst; outbursts; shout; "
        "shouting; yell; yelling; resentment; annoyed; blow up; patient; patience; impatient",
    ),
    "grief": (
        ISSUE,
        (),
        "grief; grieve; grieving; loss; bereavement; bereaved; mourn; mourning; died; death; "
        "passed away; widowed; widow; miss him; miss her; heartbreak; heartbroken; "
        "broken heart; miscarriage; stillbirth; baby loss",
    ),
    "self_harm": (
        ISSUE,
        (),
        "self harm; self harming; self injury; hurt myself; hurting myself; cutting myself; "
        "suicidal; suicide; kill myself; end my life; ending my life; take my life; "
        "taking my life; want to die; wanting to die; end it all",
    ),
    "psychosis": (
        ISSUE,
        (),
        "psychosis; psychotic; hearing voices; voices; paranoia; paranoid; hallucinations",
    ),
    # Connection and relationships
    "connection": (
        ISSUE,
        (),
        "friends; friend; friendship; friendships; connect; connected; connection; "
        "connections; support network; supports; support system; belong; belonging; community; "
        "close to people; reach out; someone to talk to; people to talk to",
    ),
    "social": (
        ISSUE,
        ("connection",),
        "social; socially; socialise; socialize; socialising; socializing; party; parties; "
        "crowds; new people; meeting people; fit in; fitting in; what people think; "
        "what others think; judged; being judged; judgement; judgment; negative evaluation; "
        "approval",
    ),
    "loneliness": (
        ISSUE,
        ("connection",),
        "lonely; loneliness; alone; isolated; isolation; isolate; isolating; withdraw; "
        "withdrawn; shut out; shutting out; shut everyone out; shutting everyone out; by myself; "
        "on my own; homesick; homesickness",
    ),
    "assertiveness": (
        ISSUE,
        (),
        "assertive; assertiveness; say no; saying no; stand up for myself; "
        "standing up for myself; speak up; speaking up; boundaries; boundary; people pleasing; "
        "people pleaser; pushover; doormat; walk all over me; walks all over me; "
        "taken advantage of; stand my ground; ask for what i need; ask for help; "
        "asking for help; help seeking; seek help; seeking help; accept help",
    ),
    "relationships": (SETTING, (), "relationship; relationships"),
    # A partner and a parent are different people: no shared broader concept on purpose.
    "partner": (
        SETTING,
        (),
        "partner; boyfriend; girlfriend; husband; wife; spouse; marriage; married; marital; "
        "couple; dating; ex; romantic; love life; fiance; fiancee; find a partner; "
        "meet someone",
    ),
    # The end of a relationship is a loss as well as a relationship matter.
    "breakup": (
        ISSUE,
        ("partner", "grief"),
        "break up; breakup; broke up; divorce; divorced; separation; separated; "
        "end of the relationship; end of my relationship; end of my marriage",
    ),
    "family": (
        SETTING,
        (),
        "family; parents; parent; parenting; mother; mum; mom; father; dad; sister; brother; "
        "siblings; sibling; relatives; in laws; grandmother; grandfather; stepfather; "
        "stepmother",
    ),
    "children": (
        SETTING,
        ("family",),
        "kids; children; child; son; daughter; toddler; baby; teenager; teenagers; stepchildren",
    ),
    "conflict": (
        ISSUE,
        ("relationships",),
        "conflict; conflicts; argue; arguing; argument; arguments; fight; fighting; fights; "
        "rows; disagreement; disagreements; bicker; bickering; nag; nagging",
    ),
    "communication": (
        ISSUE,
        ("relationships",),
        "communication; communicate; communicating; talk; talking; listen; listening; open up; "
        "opening up; express my feelings; how i feel",
    ),
    "intimacy": (ISSUE, ("partner",), "intimacy; intimate; sex; sexual; affection"),
    "trust": (
        ISSUE,
        ("relationships",),
        "trust; trusting; jealous; jealousy; cheating; affair",
    ),
    "caregiving": (
        ISSUE,
        (),
        "carer; caregiver; caregiving; caring for; looking after",
    ),
    "bullying": (
        ISSUE,
        (),
        "bullying; bullied; bully; bullies; harassment; harassed",
    ),
    # Work, study, money
    "work": (
        SETTING,
        (),
        "work; working; job; jobs; workplace; office; employment; employed; unemployed; "
        "unemployment; shift; shifts; full time; part time; workload",
    ),
    "boss": (SETTING, ("work",), "boss; manager; supervisor; line manager"),
    "colleagues": (
        SETTING,
        ("work",),
        "colleagues; colleague; coworkers; coworker; co workers; team; teammates",
    ),
    "career": (
        ISSUE,
        ("work", "direction"),
        "career; careers; career goals; profession; promotion; promoted; job search; "
        "job hunting; new job; find a job; get a job; find work; looking for work; interview; "
        "interviews; job interview; vocation; job satisfaction; hate my job",
    ),
    "school": (
        SETTING,
        (),
        "school; study; studying; studies; student; university; uni; college; class; classes; "
        "course; courses; academic; degree; lecture; lectures; classmates; homework; "
        "coursework; revision; semester",
    ),
    "exam": (
        ISSUE,
        ("school",),
        "exam; exams; test; tests; finals; examination; examinations",
    ),
    "grades": (
        SETTING,
        ("school",),
        "grades; grade; marks; straight a's; straight as; gpa; top marks; top grades; results",
    ),
    "thesis": (
        ISSUE,
        ("school",),
        "thesis; dissertation; essay; essays; assignment; assignments; paper",
    ),
    # A driving test is not an exam at school.
    "driving_licence": (
        SETTING,
        (),
        "driving test; driving tests; driving licence; driving license; driving lessons",
    ),
    "money": (
        SETTING,
        (),
        "money; financial; finances; finance; debt; debts; bills; budget; savings; afford; "
        "rent; income; save money; saving money",
    ),
    "spending": (
        ISSUE,
        ("money",),
        "overspending; spending money; impulse buying; shopping; shopaholic",
    ),
    # Getting things done
    "productivity": (
        ISSUE,
        (),
        "productive; productivity; get things done; getting things done; efficient",
    ),
    "procrastination": (
        ISSUE,
        ("productivity",),
        "procrastinate; procrastinating; procrastination; put off; putting off; "
        "put things off; putting things off; put it off; last minute; get started; finish; "
        "finishing; motivation; motivated; unmotivated; lazy",
    ),
    "time_management": (
        ISSUE,
        ("productivity",),
        "time management; manage my time; managing my time; late; lateness; on time; "
        "punctual; punctuality; schedule; organised; organized; organise; organize; "
        "organisation; organization; disorganised; disorganized; deadline; deadlines; "
        "prioritise; prioritize; priorities; keep up; keep on top of; stay on top of; "
        "fall behind; falling behind; behind on; catch up",
    ),
    "focus": (
        ISSUE,
        ("productivity",),
        "focus; concentrate; concentration; concentrating; distracted; distraction; "
        "distractions; adhd; attention",
    ),
    # Body and health
    "health": (
        SETTING,
        (),
        "health; physical health; medical; doctor; medication",
    ),
    "illness": (
        ISSUE,
        ("health",),
        "illness; ill; sick; chronic illness; diagnosis; condition; cancer; diabetes; "
        "long covid; disability",
    ),
    "pain": (
        ISSUE,
        ("health",),
        "pain; chronic pain; back pain; migraine; migraines; headaches; pain management",
    ),
    "energy": (
        ISSUE,
        (),
        "energy; energised; energized; low energy; drained; worn out; run down",
    ),
    "sleep": (
        ISSUE,
        ("energy",),
        "sleep; sleeping; asleep; insomnia; sleepless; sleep hygiene; bedtime; bed; go to bed; "
        "nightmares; wake up; waking up; oversleep; stay up late; staying up late",
    ),
    "fatigue": (
        ISSUE,
        ("energy",),
        "tired; tiredness; fatigue; fatigued; exhausted; exhaustion",
    ),
    "rest": (
        ISSUE,
        ("energy",),
        "rest; resting; breaks; take a break; taking breaks; downtime; day off; days off; "
        "time off; slow down; take it easy; self care; leisure",
    ),
    "exercise": (
        ISSUE,
        ("health",),
        "exercise; exercising; workout; workouts; gym; running; run; jog; jogging; walk; "
        "walking; swim; swimming; cycling; fitness; fit; fitter; get fit; in shape; "
        "out of shape; physical activity; sport; sports; "
        "yoga; marathon; half marathon",
    ),
    "eating": (
        ISSUE,
        ("health",),
        "eating; eat; food; meals; meal; diet; dieting; binge; bingeing; binge eating; "
        "overeating; snacking; appetite; nutrition; junk food; sugar; relationship with food; "
        "emotional eating; comfort eating; stress eating; eating disorder; anorexia; bulimia; "
        "restricting; purging; drink water; drink more water",
    ),
    "weight": (
        ISSUE,
        ("health",),
        "weight; lose weight; weight loss; pounds; kilos; kg; lbs; slim; thin; overweight",
    ),
    # Habits and substances
    "substances": (
        ISSUE,
        (),
        "substance; substances; addiction; addicted; addictive; sober; sobriety; relapse; "
        "cravings; craving; abstinence; abstain; abstinent; harm reduction",
    ),
    "alcohol": (
        ISSUE,
        ("substances",),
        "alcohol; drinking; drink; drinks; booze; wine; beer; drunk; hangover; hangovers; "
        "binge drinking; relationship with alcohol",
    ),
    "cannabis": (
        ISSUE,
        ("substances",),
        "cannabis; weed; marijuana; pot; joints; smoking weed; smoking pot; stoned",
    ),
    "nicotine": (
        ISSUE,
        ("substances",),
        "smoking; smoke; cigarette; cigarettes; vaping; vape; nicotine; tobacco; cigs",
    ),
    "drugs": (
        ISSUE,
        ("substances",),
        "drug; drugs; cocaine; pills; opioids; painkillers",
    ),
    "gambling": (ISSUE, ("substances",), "gamble; gambling; betting; bets"),
    "screens": (
        ISSUE,
        (),
        "phone; phones; screen time; screens; social media; scrolling; doomscrolling; gaming; "
        "video games; internet; instagram; tiktok; facebook; checking my phone; porn; "
        "pornography",
    ),
    "repetitive_habits": (
        ISSUE,
        (),
        "nail biting; biting my nails; skin picking; picking my skin; hair pulling",
    ),
    "household": (
        ISSUE,
        (),
        "housework; chores; tidy; tidying; cleaning; clutter; cluttered; declutter; messy house",
    ),
    "pregnancy": (
        ISSUE,
        (),
        "fertility; infertility; ivf; pregnancy; pregnant; postnatal; postpartum; perinatal",
    ),
    # Direction
    "direction": (
        ISSUE,
        (),
        "direction; life direction; purpose; meaning; meaningful; values; fulfilment; "
        "fulfillment; fulfilling; fulfilled; passion; calling; what i want to do with my life; "
        "life goals; sense of purpose; faith; spiritual; spirituality",
    ),
    "ambition": (
        ISSUE,
        ("direction",),
        "ambition; ambitions; ambitious; dream; dreams; aspirations; aspire; succeed; success; "
        "successful",
    ),
    "decision": (
        ISSUE,
        ("direction",),
        "decide; decision; decisions; choose; choice; choices; undecided; indecisive; "
        "figure out what i want; what i want; what i want to do; future; my future; next steps",
    ),
}

# Phrases that look like content but only say "deal with it". They are consumed before single
# words, so "work on my confidence" is about confidence, not work, and "cut down on weed" is
# about weed, whatever is being cut down.
FILLER_PHRASES = (
    "work on; work through; working through; working on; work out; figure out; find out; "
    "cut down; cutting down; cut back; cutting back; mental health; make sure; as much; "
    "so much; at the moment; at all; all the time; every day; each day; most days; a lot"
)

# Words every goal uses ("improve", "better", "less") and grammar words; checked on both the
# word as written and its stem.
_STOP_TEXT = """
    a able about above achieve actually address after again against all allow also always am
    an and any anymore are around as at away back be become becoming been before being better
    between big both build building but by can challenge change changes clarify continue could
    daily day days deal decrease develop developing did different difficult do does doing done
    dont drop during each easier easy effective eight else enhance enough establish even ever
    every everyone everything explore faster feel feeling feels few find five for four from
    further gain get gets getting give go goal goals going good got great had handle hard has
    have having healthy help her here him his how i identify im improve improving in increase
    increasing instead into is it its just keep know learn learning leave leaving less let life
    like little lot lower maintain make making manage management managing many may me more
    most much my myself need new no not nothing now of off ok okay old on once one only or
    other others our ours out over overcome own people person plan practice practise
    practising process quality quit rather really reduce reducing regular related relating
    right same self session sessions seven should six skill skills small so some something
    spend spending start stay stop stopping strategies strategy strengthen stuff such symptom
    symptoms take ten than that the their them then there therapist therapy these they thing
    things think this those three through time times to too top toward towards try trying
    twice two understand unreasonable until up urge urges use using very want way ways we week
    weeks were what when where whether which while who whole why will with within without
    would year years you your yourself
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
