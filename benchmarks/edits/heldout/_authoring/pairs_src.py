"""Held-out original/spun pairs for the direction check (original writing for unspun; every person,
place, organisation, figure and quote is fictional). Written before the direction signals were tuned,
and never looked at while tuning them beyond the aggregate score. Same marker syntax as
../../data/_authoring/build.py. Spins imitate content-farm spinners: context-blind thesaurus swaps
(often odd), names "synonymised" or auto-corrected, broken idioms, accidental meaning flips, dropped
sentences, clause reordering."""

PAIRS = []


def P(text, **kw):
    kw["text"] = text
    PAIRS.append(kw)


# 001 floods, heavy spin
P("""{s:Heavy rain>Weighty downpour} {s:flooded>overwhelmed} dozens of {s:homes>residences} in the
coastal town of Pellbrook on Sunday night, {s:forcing>compelling} emergency {s:crews>groups} to
evacuate more than 200 residents from low-lying streets near the river. §
The county fire service said its crews carried out {n:37>73} rescues, most of them elderly people
trapped on upper floors. §
"The water came up {q:faster>quicker} than anyone expected," said fire chief Morwenna Tate. "By
midnight it was waist-deep on Harbour Road." §
Forecasters at the regional weather office {s:warned>cautioned} that a second band of storms could
{s:arrive>show up} on Tuesday, and {s:urged>encouraged} people to stay away from {s:swollen>enlarged}
rivers. §
{r:Insurers said it was too early to estimate the cost of the damage.>}""")

# 002 central bank, name corrupted to a common word
P("""The central bank {s:left>abandoned} interest rates {s:unchanged>unaltered} at 4.25 percent on
Thursday, but {s:signalled>flagged} that a cut could come {s:as early as>as soon as} September if
inflation {s:keeps>continues} {s:falling>dropping}. §
Governor Elena {p:Marchetti>Marquee} told reporters that price growth had slowed for a fourth
{s:straight>direct} month. "We are not there yet, but the {q:trend>pattern} is encouraging," she
said. §
Marchetti said the bank would watch wage {s:settlements>repayments} closely. §
Economists had {s:widely>generally} expected the decision. Markets {f:barely moved>moved sharply}
after the announcement, with the currency {s:trading>exchanging} flat against the dollar by
{s:late afternoon>late evening}.""")

# 003 court case, meaning flip, idiom broken
P("""A former hospital {s:administrator>director} who {s:siphoned>diverted} nearly £400,000 from a
patient {s:welfare>government assistance} fund was jailed for four years on Friday. §
Judge Rosalind Akers told Derek {p:Whitlow>White low} that he had {s:betrayed>sold out} the
trust of colleagues and {s:vulnerable>defenceless} patients. "You helped yourself to money that was
meant for people at the {q:end of their tether>finish of their rope}," she said. §
Whitlow, 58, had {f:admitted>denied} fraud at an earlier hearing. §
The court heard he spent the money on holidays, a {s:boat>vessel} and {s:gambling>betting}. §
Police said they would {s:seek>look for} to recover the money under proceeds of crime laws.""")

# 004 tech launch, AI artefacts typical of spinners
P("""The software firm Quillon said on Monday it would {s:cut>slash} about 300 {s:jobs>positions}
as it {s:shifts>moves} investment towards {s:artificial intelligence>man-made brainpower} tools
for small businesses. §
Chief executive Tomasz {p:Rook>Crow} said in a {s:memo>notice} to staff that the decision was
"{q:painful but necessary>agonizing yet vital}." §
The company, which makes {s:accounting>bookkeeping} software, has {s:struggled>battled} to
{s:keep pace with>stay up with} larger {s:rivals>adversaries} since 2022. Its shares
{s:rose>climbed} 3 percent in {s:early trading>early exchanging}. §
Quillon said affected {s:employees>representatives} would receive {n:six>sixteen} months' pay. §
Analysts said the {s:restructuring>rebuilding} had been {s:expected>anticipated} for months.""")

# 005 social media artefact, clause reordering
P("""Teenagers who spend more than three hours a day on {s:social media>online entertainment} are
{s:twice as likely>two times as prone} to report poor sleep, according to a study published on
Wednesday. §
Researchers at the University of Dunmore {s:followed>tracked} 4,200 pupils aged 13 to 16 over two
years. §
{o:The effect was strongest among girls, the authors said.>The authors said the effect was strongest among girls.} §
"Phones in the bedroom are the {q:single biggest>solitary greatest} factor we found," said lead
researcher Dr. Hana Okafor. §
The team {s:cautioned>forewarned} that the study {f:could not prove>proved} that screen time
{s:causes>makes} sleep problems. §
{r:The findings appear in the Journal of Adolescent Health Studies.>}""")

# 006 sports report, light spin
P("""Harrowgate United {s:came from behind>returned from behind} to beat Ellsworth Town 3-2 on
Saturday, with {s:substitute>substitute player} Kofi {p:Mensah>Mensa} scoring the winner {n:in
stoppage time>in the first half}. §
Ellsworth had led 2-0 at half-time through goals from Liam Doherty and Sean Pryor. §
"At half-time I told them we had nothing to lose," said manager Gavin {p:Rusk>Husk}. "They showed
real {q:character>personality}." §
The {s:victory>triumph} {s:lifts>raises} Harrowgate to fourth in the table, two points {s:behind>at the
rear of} the leaders. §
Ellsworth have now {f:lost>won} four of their last five matches. §
The two sides meet again in the {s:cup>trophy} in March.""")

# 007 defence ministry, Shoigu-style name corruption
P("""Defence Minister Arkady {p:Volkhin>Vulcan} said on Tuesday that the army would {s:recruit>enlist}
an extra 20,000 soldiers by the end of next year, {s:citing>refering to} {s:growing>developing}
threats on the country's eastern border. §
Speaking to {s:lawmakers>legislators}, Volkhin said {s:training>preparing} centres would be
{s:expanded>extended} and conscripts {s:offered>presented} {s:bonuses>rewards} to sign longer
contracts. §
Opposition deputies {s:questioned>scrutinized} how the plan would be {s:paid for>paid}. "The ministry
cannot even {q:fill>fulfill} the posts it already has," said deputy Irina Sobel. §
{r:The budget committee will debate the proposal next month.>}""")

# 008 school funding, heavy spin, dropped sentence
P("""Hundreds of parents {s:rallied>mobilized} outside the education {s:department>office} on
Thursday to {s:protest>dissent} against {s:plans>designs} to close {n:14>four} rural primary schools.
§ Many {s:carried>conveyed} {s:handmade>carefully assembled} {s:signs>signals} and some had
{s:driven>headed} more than two hours to attend. §
"Closing our school would rip the {q:heart out of>core out of} the village," said Gwen Alder, a
mother of three from Tarrow. §
{r:Officials said falling pupil numbers had left some classrooms half empty.>} §
The department said {f:no final decision had been made>a final decision had been made} and that a
{s:consultation>meeting} would run until {n:March>May}.""")

# 009 hospital waiting lists, mild spin
P("""Waiting times for routine surgery at hospitals in the {s:northern>northerly} region {f:rose>fell} for
the third month in a row in May, {s:official>authority} figures {s:show>appear}. §
More than 41,000 patients had waited longer than a year for {s:treatment>therapy}, up from
38,500 in April. §
The regional health authority said a {s:shortage>deficiency} of {s:anaesthetists>anesthesiologists} and a
{s:wave>flood} of winter infections had {s:slowed>eased back} {s:operations>tasks}. §
"Every one of these numbers is a person in pain," said Lorna {p:Fairweather>Reasonable climate} of the
Patients' Alliance. §
The authority said it had hired {s:agency>office} staff and {s:opened>opened up} weekend theatre
lists.""")

# 010 wildfire, quotes altered
P("""A wildfire that {s:broke out>emitted} near the village of Castor Ridge on Monday had burned
{n:1,800>18,000} hectares by Wednesday morning, {s:fire>fire fighting} officials said. §
Around 600 {s:residents>occupants} were told to leave their homes, and {s:roads>streets} into the
valley were closed. §
"The wind is our {q:biggest>greatest} enemy right now," said incident commander Paul {p:Brennan>Brannon}.
"If it {q:drops>falls} tonight we have a real chance." §
{s:Dry>Dry spell} conditions and temperatures above 35C have {s:fuelled>powered} a string of fires
across the {s:province>territory} this month. §
No injuries have been {s:reported>announced}.""")

# 011 housing market, economist quote, control-like but spun
P("""House prices in the capital {s:fell>dropped} 2.1 percent in the year to October, the
{s:sharpest>most honed} annual {s:decline>decay} since 2012, according to the property {s:portal>entryway}
Homefinder. §
{s:Asking>Inquiring} prices {s:outside>external to} the capital were {s:broadly>extensively} flat. §
"Buyers are simply {q:priced out>evaluated out}," said Homefinder's chief economist, Rahul Desai.
"Until mortgage rates come down, we {q:expect>anticipate} this to continue." §
Estate agents {s:reported>detailed} {s:fewer>less} {s:viewings>sees} but said {s:first-time
buyers>first-time purchasers} were {s:returning>bringing} to the market. §
Sales volumes were 9 percent lower than a year earlier, the portal said, with the {s:biggest>greatest} {s:falls>drops} in the city's south and west.""")

# 012 city hall, name to common word, idiom
P("""Mayor Patricia {p:Gold>Gilded} {s:defended>safeguarded} the city's new parking charges on
Wednesday, saying the revenue would pay for {s:repairs>fixes} to more than 40 kilometres of
{s:potholed>potholed up} roads. §
Shop owners in the old town say the fees {s:drive away>push away} customers. "It is the {q:last
straw>final straw} for a lot of us," said baker Tomas Riel. §
Gold said the charges would be {f:reviewed>kept} after six months. The council's transport
committee {s:approved>affirmed} the scheme by {n:five votes to two>five votes to three} in
January. §
{a:>The city is well known for its historic centre.} §
The charges {s:apply>administer} from 8 a.m. to 6 p.m. on weekdays.""")

# 013 drought and farming, heavy odd swaps
P("""Farmers in the Lowmarsh plain say this summer's drought has {s:cut>sliced} their wheat
{s:yields>returns} by as much as half, and {s:warned>cautioned} that bread prices could {s:rise>ascend}
later this year. §
"I have farmed here for 30 years and I have never seen the ground this {q:hard>difficult},"
said grower Ewan {p:Lamb>Sheep}. §
The agriculture ministry {s:said>expressed} it would {s:release>discharge} emergency {s:funds>assets}
for {s:livestock>domesticated animals} feed. {f:It ruled out>It did not rule out} lifting the ban on
hosepipes. §
Rainfall since April has been {n:40 percent>14 percent} of the long-term average.""")

# 014 election, reordering and dropped quote sentence
P("""Voters in the Kellan region {s:elected>chose} their first {s:female>ladies} governor on Sunday,
{s:handing>giving} a {s:decisive>definitive} {s:victory>triumph} to former {s:prosecutor>examiner}
Adaeze {p:Nwosu>Nosy}. §
Nwosu won {n:58 percent>48 percent} of the vote, according to {s:preliminary>starter} results.
Turnout was 61 percent. §
"Tonight the people chose {q:change>alter}," she told {s:supporters>allies} in the regional
capital. {r:"Tomorrow the work begins.">} §
Her {s:rival>opponent}, the incumbent Stefan Kroll, {f:conceded>refused to concede} shortly before
midnight. §
Nwosu {s:campaigned>battled} on promises to {s:tackle>handle} corruption and {s:improve>better} rural roads. Kroll had {s:governed>administered} the region for twelve years.""")

# 015 transport strike, light spin, quote altered
P("""Train drivers on the western network will {s:strike>walk out} for 48 hours from Friday after
talks over pay and {s:rostering>rostering rules} {s:collapsed>fell apart}, their union said. §
The operator, Westline, said {n:nine in ten>nine in twelve} services would be {s:cancelled>called
off} and {s:advised>prompted} passengers to travel only if {s:essential>fundamental}. §
"Our members have been patient for {q:two years>a couple of years}," said union organiser Bridget
{p:Kaye>Key}. "Patience has run out." §
Westline said its offer of a 5 percent {s:rise>ascent} over two years was "fair and
{s:affordable>reasonable}". §
Talks are due to {s:resume>continue} next Wednesday.""")

# 016 museum theft
P("""Thieves {s:broke into>penetrated} the Marlow Museum of Art {s:overnight>for the time being} and
{s:stole>took} three small paintings by the 19th-century landscape artist Edith {p:Crane>Derrick}, police
said on Saturday. §
The works, which {s:together>all together} are {s:valued>esteemed} at about {n:€2 million>€20
million}, were {s:taken>taken away} from a gallery on the first floor. §
A security guard {s:raised the alarm>brought up the caution} shortly after 4 a.m. §
"It was {q:clearly>obviously} planned by people who knew the building," said Inspector Joel
Marsh. {r:The museum will remain closed until Tuesday.>} §
Police {s:appealed>offered} for anyone who saw a {s:van>cart} near the building to come forward.""")

# 017 energy bills, mild spin plus added filler
P("""The energy regulator said on Friday that the price cap on household {s:bills>charges} would
{s:fall>drop} by {n:7 percent>17 percent} from July, the first cut in more than a year. §
A typical household will pay about £1,560 a year, down from £1,680. §
Charities {s:welcomed>invited} the {s:move>step} but said millions of families were still
{s:struggling>battling} with {s:arrears>overdue debts}. "This is a {q:drop in the ocean>drop in the
sea} for people already in debt," said Asha Kumar of Fuel Watch. §
{a:>Energy is an important topic for many people.} §
The regulator {f:warned>promised} that prices could rise again in the autumn.""")

# 018 scientist obituary
P("""Margaret {p:Holt>Hold}, the {s:marine>aquatic} biologist whose work on coral bleaching
{s:shaped>formed} a {s:generation>age} of ocean research, has died aged {n:87>78}. §
Holt spent four decades at the Islay Marine Station, where she {s:led>drove} the first long-term
survey of reef {s:temperatures>temperatures levels}. §
Colleagues {s:described>portrayed} her as a {s:demanding>requesting} but {s:generous>liberal} mentor.
"She {q:never>rarely} let a student publish a sloppy graph," said former student Dr. Yusuf Adeyemi. §
She is {s:survived>outlived} by her two sons. §
Born in Glasgow, she {s:studied>concentrated on} zoology at Edinburgh before {s:moving>shifting} to the west coast in 1962.""")

# 019 factory closure, mostly rare->common swaps (the spinner picked plainer words this time)
P("""The carmaker Veltro will {s:shutter>close} its assembly plant in Orrin by the end of 2026,
{s:jeopardising>threatening} about 1,100 jobs, the company {s:announced>said} on Tuesday. §
Veltro {s:attributed>blamed} the decision on {s:sluggish>slow} demand for its petrol models. §
"We {q:explored every alternative>looked at every option}," said plant director Sabine
{p:Faulkner>Falconer}. §
Union leaders called the closure {s:a betrayal>a let-down} and said they would {f:fight>accept} it.
{r:Orrin's mayor asked the government to step in.>} §
The plant opened in 1987 and once {s:employed>utilized} more than 3,000 people. Production of its last model there will {s:end>conclude} in June.""")

# 020 pandemic-era style health advice, vaccine artefacts
P("""Health officials {s:urged>encouraged} older people on Monday to get their winter flu
{s:vaccine>immunization} {s:early>ahead of schedule} after a {s:sharp>sharp-witted} {s:rise>ascent} in
{s:cases>cases of} in neighbouring countries. §
Clinics will {s:open>open up} on Saturdays from next week, the health ministry said. §
"The {q:sooner>prior} people are protected, the fewer will end up in hospital," said chief medical
officer Dr. Ines {p:Carvalho>Carvallo}. §
Last winter {n:about 9,000>about 90,000} people were admitted to hospital with flu. §
The vaccine is free for everyone over 65 and for pregnant women. §
Pharmacies will also {s:offer>propose} the {s:jab>poke} from October.""")

# 021 trade deal, clause reordering, meaning flip
P("""The two countries {s:signed>marked} a trade {s:agreement>understanding} on Thursday that will
{s:remove>eliminate} tariffs on most farm goods over {n:five years>ten years}, ending a decade of
{s:stalled>slowed down} negotiations. §
{o:Exporters of beef and dairy stand to gain the most, analysts said.>Analysts said exporters of beef and dairy stand to gain the most.} §
Trade Minister Oskar {p:Lind>Lindy} called the deal "{q:a win for farmers on both sides>a success for
ranchers on the two sides}." § Critics {f:argued>conceded} that the pact would {s:hurt>harm} small
producers who cannot compete on price. §
The agreement still needs the {s:approval>endorsement} of both parliaments, which is {s:expected>anticipated} before the end of the year.""")

# 022 police appeal, very light spin (hard case)
P("""Police in Drayford are {s:appealing for>requesting} witnesses after a cyclist was {s:seriously>genuinely}
injured in a hit-and-run on Station Road on Tuesday evening. §
The man, in his 40s, was taken to hospital with head injuries. His condition is described as
{s:stable>steady}. §
Officers said the driver of a dark grey hatchback {s:failed to stop>neglected to stop}. §
"Someone out there knows who was {q:behind the wheel>at the controls}," said Sergeant Claire
Donnelly. §
Anyone with dashcam footage is asked to {s:contact>get in touch with} police. §
The road was closed for several hours while {s:investigators>specialists} {s:examined>inspected} the scene.""")

# 023 university rankings, idiom and name
P("""The University of Elmsworth has {s:climbed>moved up} {n:11>21} places to {s:enter>go into} the top 50 in
a global ranking published on Tuesday, its highest position {s:to date>up to this point}. §
Vice-chancellor Professor Nkechi {p:Obi>Oboe} said the result was "the {q:fruit>organic product}
of years of patient work." §
Critics say such tables are {i:a blunt instrument>a dull instrument} that {s:reward>remunerate}
research {s:spending>expenditure} over teaching. §
The ranking {s:weighs>gauges} citations, staff-to-student {s:ratios>proportions} and
{s:reputation>notoriety} surveys. §
Elmsworth was {s:ranked>positioned} 61st last year. The university {s:employs>utilizes} about 4,000 staff. It plans to open a new {s:medical>clinical} school in 2027.""")

# 024 zoo birth, light news, heavy odd swaps
P("""A rare Amur leopard cub has been born at Fenwick Zoo, the first of its kind to be {s:bred>reared}
in the country for {n:a decade>a century}, {s:keepers>guardians} said on Thursday. §
The cub, {s:whose>whose own} sex is not yet known, was born {s:three weeks ago>three weeks back} to
mother Tasha and is {s:feeding>nourishing} well. §
"We are {q:over the moon>delighted}," said head keeper Fiona {p:Birch>Beech}. "Every birth matters
for a species this {q:endangered>imperiled}." §
Fewer than 120 Amur leopards are {s:thought>idea} to {s:survive>endure} in the wild. §
The enclosure will {f:stay closed>open} to visitors until the spring.""")
