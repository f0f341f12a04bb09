"""Hand-written aligned sources for the edit benchmark (original writing for
unspun; all people, places, organisations, figures and quotes are fictional).
See build.py for the marker syntax."""

PAIRS = []


def P(text, **kw):
    kw["text"] = text
    PAIRS.append(kw)


# 001
P("""City {s:council members>councillors} in Harwick voted 7-2 on Tuesday to
{s:approve>endorse} a $48.5 million {s:overhaul>revamp} of the municipal bus network,
{x:ending>closing out} months of {x:wrangling>bickering} over routes and fares. §
Mayor Delia Ostrander, who had {x:championed>backed} the plan since her election
in 2021, called the vote "a long overdue promise kept to the people who ride these buses
every single day." §
Opponents on the council warned that the final bill could climb well beyond the approved figure once construction began. §
Councillor Ray Baptiste, one of the dissenting votes, said the city was writing a
{i:blank cheque>empty cheque} for a transit authority that, in his words, "has not hit a single
deadline in a decade." §
The first redesigned routes are expected to open in September, with fares frozen at $2.25
until at least 2027.""")

# 002
P("""Temperatures in the Corran Valley {f:rose>fell} to 41 degrees Celsius on Saturday, the
{s:highest>loftiest} reading since records began in {n:1936>1963}, forecasters at the regional
weather office said. §
Hospitals in Brennick {s:reported>recorded} a {s:surge>spike} in heat-related admissions, most of
them elderly residents living alone. §
"We are {q:seeing>witnessing} people who simply could not get out of a hot flat for three days,"
said Dr. Anjali Mehra, head of emergency medicine at St. Columba's. "Some of them had no water
left." §
Officials opened 14 cooling centres and {f:extended>shortened} their hours until midnight. §
Farmers, meanwhile, {s:warned>cautioned} that the heat had {s:arrived>come} at the worst possible
time for the grape harvest.""", complete=True, op="2025-07-12")

# 003
P("""A jury in Fallowmere {f:acquitted>convicted} former harbour commissioner Leonard Vasko on
Thursday of {x:charges>counts} that he steered $3.2 million in dredging contracts to a company
owned by his brother-in-law. §
The verdict came after nine hours of deliberation, and Vasko, 64, {x:wept>cried} as it was read. §
Outside the courthouse, his lawyer, Priya {p:Castellanos>Castellano}, said the case "should never
have reached a courtroom in the first place." §
Prosecutors had argued that Vasko cut corners on tendering rules and
{x:ignored>disregarded} warnings from the port's own auditors. §
The state attorney's office said it respected the jury's decision and would not
comment further.""")

# 004
P("""Shares in Northgate Mining {f:climbed>slid} 12 percent in early trading on Wednesday after the
company {x:reported>posted} quarterly profit of $214 million, well above analysts' forecasts. §
Chief executive Marguerite {p:Holloway>Hollow Way} said copper output at the Kestrel Ridge mine had
"{q:finally turned the corner>at last rounded the bend}" after two years of flooding and labour
disputes. "We told investors to be patient. Patience is now being rewarded," she said on a call
with analysts. §
The company also {x:raised>lifted} its dividend to {n:48 cents>84 cents} a share. §
Not everyone was convinced. Marcus Eide, a mining analyst at Tollbridge Securities, said the result
was "{q:flattered>helped} by one-off insurance payments" and {x:warned>cautioned} that the
{i:lion's share>lion's portion} of the gain would not be repeated.""")

# 005 control
P("""The regional library service will {s:extend>lengthen} opening hours at nine branches from next
month, {s:following>after} a {s:consultation>survey} in which more than 3,000 residents took part. §
Branches in Ashby, Coldharbour and Pelham Green will open until 8 p.m. on weekdays, while the
central library will {s:add>introduce} Sunday opening for the first time since 2012. §
"People told us very clearly that they want to use the library after work, not instead of it,"
said {o:service manager Ruth Adebayo>Ruth Adebayo, service manager}. §
The {s:changes>extensions} will be {s:funded>paid for} from a {s:one-off>one-time} grant of
£420,000 and existing budgets. §
Union representatives said they had been {s:consulted>involved} and that no staff would be asked to
work extra hours without {s:agreement>consent}.""", complete=True, order=[0, 1, 3, 2, 4])

# 006
P("""Kellerby Rovers clinched promotion on Saturday {x:with>after} a 2-1 win over
Dunmore Athletic, with teenage striker Jonah {p:Ferreira>Ferrari} scoring both goals, the second in
the 89th minute. §
"It was not {q:pretty>beautiful}, but we got over the line," manager Sean Whitlock said. "The lads
have given everything for nine months and they deserve this." §
Rovers, who {x:were bottom of the table>sat last in the standings} in October, scraped through by
the skin of their teeth in the end, {x:finishing>ending} the season
four points clear of third-placed Harcastle. §
{r:Attendance at the match was 11,402, the club's largest crowd in more than twenty years.>}""")

# 007
P("""The health ministry said on Monday that it {f:would not renew>would renew} its contract with
Meridian Diagnostics, the private firm that has processed {x:roughly>about} {n:40 percent>14 percent}
of the country's blood tests since 2019. §
The decision follows an audit that found {n:1,870>1,780} samples had been mislabelled or lost over an
18-month period. §
"Patients have to be able to trust that a test result belongs to them," Health Minister Tomas
{p:Rydell>Riddle} told parliament. "That trust has been {q:badly damaged>somewhat dented}, and it
will not be repaired by a press release." §
Meridian said in a statement that it {x:regretted>was sorry for} the errors and had already
{s:introduced>brought in} barcode tracking at all of its laboratories.""")

# 008
P("""Ferrowind, the online {s:retailer>merchant}, {s:confirmed>acknowledged} on Friday that hackers
had {s:accessed>gained entry to} the personal details of about 2.3 million customers, including
names, addresses and the last four digits of payment cards. §
The company said it {s:discovered>uncovered} the breach on {n:June 4>June 14} and
{s:notified>informed} regulators within 72 hours. §
"No full card numbers or passwords were {q:taken>compromised}," said chief technology officer Elena
{p:Marsh>Swamp}. §
{a:>The firm added that customers would be offered two years of free credit monitoring.} §
Privacy campaigners said the delay in telling customers was {f:unacceptable>acceptable}, and the
Information Commissioner's office said it was {s:making enquiries>looking into the matter}.""",
  complete=True)

# 009
P("""Aldmoor Water was fined £2.1 million on Tuesday after admitting that it {x:released>discharged}
untreated sewage into the River Lenn on more than 200 occasions over three years. §
Judge Harriet Coyle said the company had treated the river "as a convenient drain" and
that the fine should serve as a wake-up call for the industry. §
Anglers' groups said the penalty was a {i:drop in the ocean>decline in the sea} for a firm that
reported profits of £380 million last year. §
"They will pay this out of petty cash and carry on," said Gwen Pryce of the Lenn
Valley Angling Association. §
The company said it had increased investment in its treatment works and that spills
had fallen by a third since 2022.""")

# 010
P("""{f:Fewer than half>More than half} of the 112 secondary schools inspected in the Marrow district
last year were rated good or outstanding, according to a report published on Thursday. §
The report, by the regional inspectorate, {x:blamed>attributed} the results largely on teacher
shortages, noting that {n:one in five>one in three} maths lessons was taught by a
{s:temporary>supply} teacher. §
"This is not about bad teachers. It is about not having enough of them," said chief inspector Colin
{p:Abara>Abaya}. §
{r:Abara said the picture had improved slightly in primary schools, where two thirds of those inspected met the standard.>} §
The district council said it was {x:recruiting>hiring} abroad and had offered
{f:higher>lower} starting salaries to fill {n:68>86} vacancies.""")

# 011 control
P("""A new footbridge linking the two halves of Tarrow's old dock district {x:opened>was unveiled} to
the public on Sunday, {s:nearly>almost} eight years after it was first proposed. §
The 140-metre steel {s:structure>span} cost £6.7 million and was {x:paid for>financed} largely by a
regeneration fund. §
Hundreds of residents {x:queued>lined up} to cross it in the {s:first>opening} hour. §
"My grandfather worked on these docks, and he used to say you could not get from one side to the
other without a boat," said Margaret Oyelaran, 79, who was among the first to walk across. "I wish
he could see this." §
The council said the bridge would {s:stay>remain} open around the clock.""")

# 012
P("""The Liberal Reform party won the Eastmarch by-election on Thursday by {n:1,406>1,046} votes,
overturning a Conservative majority of almost 9,000 at the last general election. §
Turnout was {n:38 percent>28 percent}. §
The winning candidate, Farah {p:Lindqvist>Lindgren}, a former paramedic, said voters had "sent a
message that {q:cannot>can} be ignored." §
The Conservative candidate, Hugh Pelling, conceded shortly after 3 a.m., describing the result as a
{i:bitter pill>sour pill} for his party. §
Party strategists said the outcome {s:suggested>indicated} the government faced an
{i:uphill battle>ascending battle} in dozens of similar seats before the next general
election.""")

# 013
P("""Researchers at the University of Halden have {s:identified>pinpointed} a species of soil
bacterium that can break down a common plastic far faster than previously known
organisms, according to a study published in the journal Microbial Frontiers. §
In laboratory tests, the bacterium {s:digested>consumed} {n:roughly 60 percent>roughly 16 percent}
of a polyethylene film within six weeks. §
"We were genuinely surprised," said lead author Dr. Kofi Mensah. "We had to
repeat the experiment {q:three times>a few times} before we believed it." §
Other scientists {x:urged>called for} caution, noting that results in a laboratory rarely translate
directly to landfill conditions.""")

# 014
P("""Police in Granthorpe have {s:arrested>detained} two men, aged {n:19 and 23>19 and 32}, after a
{s:series>string} of burglaries targeting {x:elderly>older} residents in the Moss Lane area. §
Detective Inspector Sandra {p:Kiely>Keeley} said the pair were {f:believed>not believed} to be
responsible for at least 14 break-ins since August. §
"These were people who had lived in their homes for fifty years and now feel afraid to go to bed at
night," she said. "That is what makes this so {q:cruel>harsh}." §
{r:Officers recovered jewellery, two laptops and a quantity of cash during searches of addresses in the town.>} §
Both men were released on bail while inquiries continue. Police urged anyone with information to
come forward.""", op="2024-11-08")

# 015
P("""House prices in the Wenlow region {f:fell>rose} by 3.4 percent in the year to September, the
{s:steepest>sharpest} annual {s:decline>drop} since 2011, according to figures released by the Land
Registry on Wednesday. §
The average home now {s:sells>goes} for £{n:241,000>214,000}. §
Estate agents said buyers had been {s:deterred>put off} by mortgage rates that remain
{f:above>below} 5 percent for most borrowers. §
"First-time buyers are sitting on their {q:hands>wallets}," said Ben Okafor, who runs an agency in
the town centre. "They are waiting to see whether rates come down next spring." §
Builders have {s:cut>reduced} the number of new homes {s:started>begun} by a fifth.""",
  complete=True)

# 016
P("""Rail workers at Corrib Trains will {x:walk out>strike} for 48 hours from Friday after talks over
pay {f:broke down>made progress}, the RTU union said. §
The union's general secretary, Niamh Fallon, said members had been "left with
{q:no choice>little choice}" after the company offered a 2 percent rise against inflation of
4.6 percent. §
Corrib said it would run a reduced timetable on main lines but that {x:most>the majority
of} rural services would not operate. §
Whether talks will resume before the weekend remains {i:up in the air>up in the sky}.""")

# 017 control
P("""A rare {s:copy>edition} of a 17th-century atlas {s:sold>went} for £310,000 at an auction in
Edinbridge on Tuesday, {s:more than double>over twice} its {s:estimate>guide price}. §
The atlas, which contains 96 hand-coloured maps, had been kept in a private collection in the same
family for {s:nearly>almost} two centuries. §
The buyer, who bid by telephone, {s:asked>wished} not to be named. §
"Copies in this condition almost never come to market," said auctioneer Patrick Lowe of Hatton &
Sons. "Every page is still bound in its original order." §
{o:Proceeds will go to a charitable trust, the family said>The family said proceeds will go to a
charitable trust}.""", complete=True, order=[0, 2, 1, 3, 4])

# 018
P("""Foreign ministers from Valdoria and Kesh {f:failed to agree>agreed} on Sunday on a ceasefire
along their disputed border, after {n:11 hours>11 days} of talks in the neutral city of Ardenza. §
Valdorian Foreign Minister Ilya {p:Lavrenko>Lavender} said the Kesh delegation had "walked away from
a deal that was {q:within reach>out of reach}." §
His counterpart, Mira {p:Dassault>Dassel}, {x:accused>charged} Valdoria of
{i:moving the goalposts>moving the goal lines} at the last minute. §
Shelling continued overnight in the border town of Sorrel, where local officials said two civilians
had been injured. Mediators from the Northern Council said they would try again next month.""")

# 019
P("""The Port of Salterne handled a {f:record>disappointing} 4.1 million containers last year,
{s:driven>boosted} largely by {s:new>fresh} shipping routes to West Africa, the port authority said
on Monday. §
Chief executive Obinna {p:Eze>Ezra} said the figures showed the port was “punching
{q:well>somewhat} above its weight” against larger rivals. “Five years ago people said we would be
swallowed up. Instead we are {q:growing>expanding} faster than anyone,” he said. §
{r:The authority plans to spend £95 million on a second deep-water berth, due to open in 2028.>} §
Dock workers’ representatives {s:welcomed>greeted} the results but said staffing had not kept pace
with volumes.""", complete=True)

# 020
P("""Skyrill Airways {x:cancelled>scrapped} 312 flights over the weekend after a software
fault {x:grounded>halted} its fleet for most of Saturday, leaving an estimated 40,000 passengers
stranded. §
The airline said the problem had been caused by a routine update to its crew-scheduling system and
was not related to a cyber attack. §
“We let our customers down badly, and I apologise without reservation,” chief
operating officer Dana Whitfield said in a video posted online. §
Passengers {x:described>reported} chaotic scenes at Marlow International, where queues stretched
{x:outside>beyond} the terminal building. §
{a:>Some travellers said they had waited more than nine hours for information.} §
Consumer groups said Skyrill should compensate passengers in full.""")

# 021
P("""Wheat yields across the eastern plains are expected to fall by {n:a quarter>a third} this year
after the {s:driest>most arid} spring in {n:half a century>a century}, the farmers' union said on
Monday. §
In some districts, growers said they had {f:abandoned>harvested} entire fields. §
“I have been farming this land for thirty-one years and I have never seen the soil like this,” said
Teodor Ivanek, who grows wheat and barley near the village of Mrozy. “It is like walking on
{q:broken pottery>cracked plates}.” §
The agriculture ministry said emergency payments for the worst-hit farms were
{i:in the pipeline>in the tube}. §
{r:Economists warned that bread prices could rise by up to 8 percent by the end of the year.>}""",
  op="2023-08-21", rp="2023-08-24")

# 022
P("""Highways officials in Brackenford have {f:admitted>denied} that repairs to more than 1,200
potholes were carried out with the wrong materials, meaning many will need to be fixed again. §
The council's head of highways, Graham {p:Stone>Rock}, said the contractor had
"{q:cut corners to hit>taken shortcuts to meet} its targets" and that the authority would
{x:seek to recover>try to claw back} the £{n:870,000>780,000} it had paid. §
Opposition councillor Fatima Hussain said the affair was "{q:a scandal>an embarrassment}" and that
residents had been {i:left out in the cold>left out in the chill} while the council argued with
its contractor. §
Repairs to the worst-affected roads are due to begin next month.""")

# 023 control
P("""Volunteers {s:planted>put in} more than 5,000 trees along the banks of the River Auber over the
weekend, part of a project to {s:reduce>cut} flooding in the villages downstream. §
The scheme, {s:run>organised} by the Auber Rivers Trust, aims to plant 50,000 trees by 2030. §
{u:">“}Trees slow the water down. Every one of them buys the villages a little more time,{u:">”}
said project officer Hamish Grant. §
Among the volunteers was Lily Ashworth, 9, who planted {s:eleven>11} saplings with her
grandfather. §
The trust said it would return in the spring to {s:check>inspect} how many of the young trees had
survived the winter.""", complete=True)

# 024
P("""The novelist Imogen {p:Treadwell>Threadwell} has won the {x:annual>yearly} Castlebridge Prize
for fiction for her novel The Salt Orchard, {x:beating>seeing off} {n:five>four} other shortlisted
authors. §
The judges {x:described>called} the book, which follows three generations of a fishing family,
{x:as “quietly>“quietly} {q:devastating>upsetting}.” §
Treadwell, 58, {f:had been>had not been} considered the favourite. §
Accepting the £25,000 award in London on Tuesday night, she said: “I wrote most of this book at my
kitchen table while my children did their homework. I {q:never>always} imagined anyone outside my
family would read it.” §
{a:>Sales of the novel have tripled since the shortlist was announced in September.}""")

# 025
P("""A {s:large>major} study of more than 18,000 adults has found that people who walked at least
7,000 steps a day had a {f:lower>higher} risk of heart disease than those who walked fewer than
4,000. §
The research, {s:carried out>conducted} by a team at the Institute of Public Health in Lund,
{s:followed>tracked} participants for {n:nine years>six years}. §
“People sometimes hear ‘10,000 steps’ and think, ‘I will never manage that, so why bother?’” said
the lead researcher, Professor Sigrid {p:Nyholm>Nyholt}. “Our results suggest that
{q:far>slightly} fewer steps still make a real difference.” §
The authors {s:cautioned>warned} that the study {f:could not>could} prove cause and effect.""",
  complete=True)

# 026
P("""The electric-scooter maker Voltra will cut 350 jobs at its factory in Hessel, the
company announced on Thursday, {x:blaming>citing} weak demand in Europe. §
Chief financial officer Paulo Gentile told analysts the company had
"{q:over-expanded>expanded} in good times" and said the firm now had to
bite the bullet. §
Unions said they would resist any compulsory redundancies and called for talks with
regional ministers. §
The Hessel plant opened in 2019 with the help of a regional grant of €40 million. §
Voltra's shares were little changed by the close of trading.""")

# 027
P("""Conservationists on the island of Sorna have {s:recorded>counted} 212 breeding pairs of the
{x:endangered>threatened} Sorna petrel, {f:up from>down from} 140 five years ago. §
The increase follows a campaign to remove rats from the island's northern cliffs, which
{n:began in 2017>began in 2019}. No rats have been recorded there since
the spring of 2020. §
“This is one of the few {q:genuinely>reasonably} good news stories in seabird conservation,” said
Ines {p:Carvalho>Carvalo} of the Atlantic Seabird Trust. §
{a:>She said the trust hoped to repeat the approach on two neighbouring islands.} §
Numbers remain {f:well below>well above} the levels recorded in the 1950s, when an estimated 2,000
pairs nested on Sorna.""")

# 028
P("""The central bank {f:held>raised} interest rates at 4.25 percent on Thursday,
{x:defying>resisting} calls from business groups for a cut. §
Governor Elspeth {p:Marr>Carr} said inflation was “heading in the {q:right>wrong} direction” but
that it was too early to declare victory. “We would rather be a little late than have to
{q:reverse>change} course,” she told reporters. §
The bank's nine-member committee voted {n:6-3>6-2}, with three members {x:favouring>preferring} a
quarter-point cut. §
{r:The decision was widely expected by financial markets.>} §
The next rate announcement is due in six weeks, alongside the bank's updated growth forecasts.""", op="2024-02-01")

# 029 control
P("""Organisers of the Dunhallow Marathon {s:said>announced} on Monday that
{s:a record>an all-time high} 14,500 runners had {s:registered>signed up} for this year's race,
which takes place on 6 April. §
The {s:route>course} has been {s:altered>changed} to avoid roadworks on the seafront, but the start
and finish will remain in Castle Square. §
{o:Entries closed on Friday, two weeks earlier than planned, because demand was so high>Because
demand was so high, entries closed on Friday, two weeks earlier than planned}. §
“We have had runners sign up from 41 countries, which is extraordinary for a race of our size,”
said race director Owen Pryor. §
Organisers said details of road closures would be {s:published>posted} on the race website.""",
  complete=True)

# 030
P("""A former care home manager was jailed for {n:four years>fourteen years} on Friday for stealing
£186,000 from elderly residents over a period of six years. §
Brenda Halloran, 55, pleaded guilty to fraud at an earlier
hearing. §
Sentencing her at Ravensworth Crown Court, Judge Michael Osei said she had shown
“a breathtaking lack of compassion” toward people who depended on her. §
One resident's daughter, speaking outside court, said the sentence was a
{i:slap on the wrist>slap on the arm} given the harm done to families.""")

# 031
P("""The Glenmore wind farm, the largest in the region, will {f:double>halve} its capacity by 2029
under plans {s:approved>cleared} by ministers on Wednesday. §
The expansion, {s:costing>priced at} an {s:estimated>expected} £1.4 billion, will add 46 turbines
off the coast of Inchfarr. §
Energy Secretary Carys {p:Llewellyn>Llewelyn} said the decision was “a {q:huge>massive} step
towards a cleaner, cheaper grid.” §
{r:Local fishing associations had objected, arguing that construction would disrupt crab and lobster grounds for several seasons.>} §
The developer said the project would {s:create>generate} about 600 jobs during construction and
{n:80>800} permanent posts.""", complete=True)

# 032
P("""Firefighters {f:brought>failed to bring} under control a wildfire that had burned more than
3,000 hectares of forest near the town of Pelagos, officials said on Sunday. §
About 1,200 residents {x:were evacuated>had been moved out} as a precaution, and none were
injured. §
The regional governor, Andreas {p:Kostakis>Kostas}, said the blaze had been
“{q:the most difficult>among the hardest} we have faced {q:in a decade>in ten years}.” §
{a:>He praised volunteers who had worked through the night alongside professional crews.} §
Investigators {f:ruled out>did not rule out} arson. Residents were {x:expected>anticipated} to
return home on Monday. §
Schools in Pelagos and two neighbouring villages will stay closed until the air quality improves,
and the main coast road remains shut between the harbour and the ring road.""")

# 033
P("""Students at Carrow University will {f:no longer>still} have to pay for printing and library
fines after the university's governing council voted to {x:scrap>abolish} the charges. §
The decision follows a {n:two-year>three-year} campaign by the students' union, which argued that
the fees {x:fell hardest on>hit hardest} the poorest students. §
“It sounds small, but for some students {q:£30>£13} a term is the difference between printing an
essay and not handing it in,” said union president Kwame {p:Asante>Asanti}. §
{r:The university estimates the change will cost it about £210,000 a year.>} §
Carrow said the money would come from its hardship fund.""")

# 034
P("""Engineers have {x:ordered>mandated} the {f:immediate>gradual} closure of the Old Mill Bridge in
Tresco Vale after inspections found corrosion in seven of its 12 steel supports. §
The county council's director of infrastructure, Jasmine Ward, said the findings had
been "alarming, though not catastrophic." §
Local traders said the closure, which will force a {n:9-mile>19-mile} detour for delivery vans,
was the last straw after two years of roadworks in the village. §
{r:The bridge, built in 1932, carries around 8,000 vehicles a day.>} §
The council said a temporary crossing for pedestrians could be in place by the summer.""")

# 035 control
P("""The city's zoo {x:welcomed>celebrated} the birth of {s:twin>two} red panda cubs last month, the
first born there in more than a decade. §
Keepers said the cubs, a male and a female, were {s:healthy>thriving} and had been
{s:spending>passing} most of their time in a nest box with their mother, Mei. §
They are expected to {x:venture outside>start exploring outdoors} in the summer. §
"We have been watching them on camera every morning like nervous grandparents," said head keeper
Alan Briggs. §
Red pandas are {s:classified>listed} as endangered, with fewer than 10,000 thought to remain in the
wild. The zoo has asked the public to suggest names.""")

# 036
P("""Deputy Transport Minister Owen {p:Carradine>Caradine} resigned on Wednesday,
{s:hours>a few hours} after a newspaper published messages in which he appeared to
{s:mock>ridicule} constituents who had complained about train delays. §
In a letter to the prime minister, Carradine said the messages were “{q:crass>crude} and
indefensible” and that he had {f:no wish>every wish} to become a distraction. §
The prime minister {s:accepted>took} the resignation {s:immediately>at once}. §
{r:Carradine, 47, has represented the seat of Wexley North since 2017.>} §
Opposition parties said the episode showed the government had {f:lost>kept} touch with ordinary
commuters.""", complete=True, op="2025-01-16", rp="2025-01-17")

# 037
P("""The Halcyon-2 weather satellite {f:reached>failed to reach} its planned orbit on Tuesday,
{n:nine>nineteen} minutes after lifting off from the Kerrow launch site, the national space agency
said. §
Mission controllers {x:confirmed>verified} that its solar panels had unfolded
{x:as planned>as intended}. §
“{q:Everything went exactly>Nearly everything went} to plan. The team has been working towards this
morning for six years,” said programme director Lucía {p:Ferrán>Fernán}. §
The satellite is {x:designed>built} to improve storm forecasts and should operate for
{f:at least>at most} ten years. §
{a:>It carries instruments built by teams in four countries.} §
The first test images are expected within a month, once engineers have finished checking the
onboard cameras and calibrating the main radiometer.""")

# 038
P("""Unemployment in the Tessaly region {f:fell>climbed} to 6.8 percent in the third quarter, its
{f:lowest>highest} level in five years, the statistics office said. §
{n:Some 14,000>Some 41,000} more people were in work than a year earlier, with most of the gains in
construction and tourism. §
Regional economy minister Dario {p:Benedetti>Benedict} said the figures were “encouraging
{q:but not>and} a reason to relax.” §
{r:Youth unemployment, however, remained stubbornly high at 19 percent.>} §
Trade unions said many of the new jobs were seasonal and poorly paid, and called for a higher
minimum wage in the hotel sector.""")

# 039
P("""The toy maker Pipkin {s:has recalled>is recalling} about 85,000 wooden {s:stacking>building}
sets after {s:reports>complaints} that small pieces could {s:come loose>detach} and pose a choking
{s:hazard>risk} to young children. §
The company said it had received {n:23>32} reports of pieces breaking off, but {f:no>several}
injuries. §
“Safety is the {q:only>main} thing that matters to us. We would rather recall every set than take a
chance,” said managing director Helen {p:Pike>Pickett}. §
Parents are {s:advised>urged} to stop using the sets and return them to the shop for a
{s:full>complete} refund.""", complete=True)

# 040
P("""A landlord who {x:crammed>packed} 14 tenants into a three-bedroom house in Felling Cross has
been ordered to pay £{n:62,000>26,000} in fines and costs. §
Magistrates heard that tenants, some of whom were sleeping in the kitchen, had
{f:complained>never complained} repeatedly about damp and broken locks. §
Council housing officer Rachel {p:Finch>Sparrow} said the case was "{q:the worst>one of the worst}
we have dealt with this year." §
The landlord, Derek Mallory, told the court he had been {i:kept in the dark>kept in the shadow} by
his letting agent. §
{a:>He said he had since sold the property.} §
The council said it had carried out 40 inspections of shared houses in the area this year and
expected further prosecutions.""")

# 041 control
P("""The Kestwick Music Festival will return this summer after a two-year absence, organisers
{s:confirmed>announced} on Thursday. §
The three-day event, which {s:drew>attracted} around 30,000 people at its peak, was
{s:cancelled>called off} in 2023 after its main sponsor {s:withdrew>pulled out}. §
{o:Tickets go on sale next Friday, and organisers said prices would be held at 2022 levels>Organisers
said prices would be held at 2022 levels, and tickets go on sale next Friday}. §
“We have missed it as much as anyone. The field has been empty for too long,” said festival director
Sunita Rao. §
The line-up is {s:expected>due} to be {s:revealed>unveiled} in March.""", complete=True)

# 042
P("""The government will {f:raise>lower} the minimum salary required for skilled-worker visas to
£{n:38,700>37,800}, the Home Office said on Monday. §
Officials said the change would {f:reduce>increase} net migration by an estimated 100,000 a
year. §
Business groups {x:reacted angrily>responded furiously}. "This will leave hospitals and care homes
{q:short-staffed>understaffed} at the worst possible time," said Nadia {p:Sorensen>Sorenson} of the
Employers' Forum. §
{r:Ministers insisted the policy would encourage companies to train local workers.>} §
The new threshold will apply to applications made from April. Workers already in the country on
existing visas will not be affected when they renew.""")

# 043
P("""Top seed Anika Brandt {f:beat>lost to} the unseeded Yulia {p:Morozova>Morozov} 6-4,
{n:3-6>6-3}, 7-5 on Wednesday to reach the quarter-finals of the Halbrook Open. §
Brandt, 24, {x:saved>fended off} three match points in the final set. §
"I {q:honestly>truly} thought I was going home," she said afterwards. "At {q:5-3>5-2} down you just
try to make her play one more ball, and then one more." §
She will {x:face>meet} the 2022 champion, Chiara {p:Valli>Villa}, on Friday. §
Rain delayed the start of play on the outside courts by almost two hours, and organisers said the
schedule for Thursday would be published late in the evening.""")

# 044
P("""{s:Uptake>Take-up} of the flu vaccine among people aged over 65 {f:rose>dropped} to 71 percent
last winter, health officials said, {s:short of>below} the target of 75 percent. §
Among pregnant women, the figure was {n:just 34 percent>just 43 percent}. §
“Every winter we see {q:thousands>hundreds} of admissions that a simple jab could have prevented,”
said Dr. Ruth {p:Amadi>Amati}, deputy chief medical officer. §
{a:>She urged people to book an appointment before the end of November.} §
Pharmacies will {s:begin>start} offering the vaccine next week. Officials said supplies were
plentiful and that appointments could be made online or by phone.""", complete=True,
  op="2023-10-02")

# 045
P("""The Northern Council {f:agreed>refused} on Friday to send $600 million in emergency aid to
flood-hit regions of Marvasia, after a meeting in the capital, Tolvin. §
Council president Gregor {p:Fox>Vixen} said members had "a moral duty to act
{q:quickly>eventually}." §
{r:The floods, the worst in the country's recorded history, have displaced more than 400,000 people.>} §
Marvasia's ambassador, Layla Haddad, said the aid would be "{q:a lifeline>a help}" but warned that
it was only the {i:tip of the iceberg>top of the iceberg} of what was needed. §
The first shipments of tents and water purification equipment are due to arrive by the end of the
week.""")

# 046
P("""The department store chain Albright & Co will close 17 of its 40 shops by the end of
March, {x:putting>placing} around 1,900 jobs at risk, the company said on Wednesday. §
Chief executive Simon {p:Reyes>Reeves} blamed rising business rates and a shift to
online shopping. §
“These are painful decisions. Nobody here takes them lightly,” he said. §
{a:>The chain, founded in 1884, was once a fixture of high streets across the country.} §
Shopworkers' union leader Tamsin Greaves said staff had been
{i:left high and dry>left high and arid} and demanded talks on redundancy terms. §
The company said the remaining 23 stores were profitable and would continue to trade under the
Albright name.""")

# 047 control
P("""A {s:fossilised>petrified} footprint believed to be 165 million years old has been
{s:found>discovered} on a beach on the Isle of Carrick by a {s:retired>former} teacher walking her
dog. §
The print, about 40 centimetres long, was {s:left>made} by a large meat-eating dinosaur, according
to experts at the Carrick Natural History Museum who {s:examined>studied} it last week. §
“I nearly walked straight past it. Then I realised it had toes,” said Patricia Lennox, 67. §
Footprints of this kind have been found on the island before, but rarely so well preserved. §
{o:The museum plans to make a cast of the print before the tide erodes it>Before the tide erodes it,
the museum plans to make a cast of the print}.""", complete=True)

# 048
P("""Investigators said on Tuesday that the driver of a tram that derailed in central Velden in
May had been travelling at 47 km/h on a curve with a limit of 15 km/h. §
The interim report by the rail accident investigation branch found no evidence that the
driver had been using a phone. §
“The tram was going {q:far>a little} too fast for that bend. The question is why, and we do not yet
have a complete answer,” said chief inspector Magnus Berg. §
{r:Twenty-three passengers were injured in the crash, four of them seriously.>} §
A final report is expected {x:next year>in the coming year}.""")

# 049
P("""A charity run by a former nurse in Lydbrook has raised £{n:1.2 million>12 million} to build a
hospice for young adults, more than {f:twice>half} its original target. §
Founder Celia {p:Moyo>Mayo} said the response had been “overwhelming, in the
{q:very best sense>best possible way}.” §
{a:>Donations came from more than 30 countries after a video of the campaign was widely shared online.} §
Building work is expected to start in the spring, and the hospice will have ten beds. §
{i:Red tape>Crimson tape} delayed planning permission for almost a year, Moyo said. §
The hospice will be built on land donated by a local farming family, and the charity hopes to open
its doors to the first patients in the autumn of 2027.""")

# 050
P("""A national project to digitise court records is {f:two years behind>two years ahead of}
schedule and {n:£130 million>£310 million} over budget, the public spending watchdog said on
Friday. §
The audit office said the Justice Department had "{q:repeatedly>occasionally} ignored" warnings from
its own advisers. §
Its head, Vivian Achterberg, said the scheme was "a {q:textbook>classic} example of how not to run a
large IT programme." §
{r:The department said lessons had been learned and that a new leadership team was in place.>} §
Critics said it was time to go {i:back to the drawing board>back to the drawing table}.""",
  rp="2024-06-30")

# 051
P("""Storm Edda brought winds of up to {n:95 mph>59 mph} to the western coast on Sunday,
{x:cutting>knocking out} power to around 80,000 homes. §
The Met Agency upgraded its warning to red for parts of the Teal Peninsula, its
highest level. §
“Stay indoors if you can. {q:Do not>Do not ever} drive unless your journey is essential,” said
forecaster Jamie Ellwood. §
{a:>Several ferry crossings were cancelled for a second day.} §
Energy companies said it could be days before all supplies are restored. §
Coastguards said they had rescued two walkers who had been cut off by the tide near the village of
Penmorrow, and urged people to keep away from sea walls and exposed cliffs.""")

# 052
P("""The National Museum of Orlen will {f:return>keep} a collection of 42 bronze figures to Benhali,
its director said on Wednesday, {s:ending>concluding} a dispute that has lasted
{n:more than a decade>more than a century}. §
The figures were {s:taken>removed} by a colonial expedition in 1897. §
“We were asked, ‘Whose story do these objects tell?’ The honest answer is {q:not>partly} ours,”
said director Anneke {p:Vos>Voss}. §
{a:>A formal handover ceremony is planned for next spring.} §
Benhali's culture minister {s:welcomed>praised} the decision and said the figures would be displayed
in a new museum in the capital, which is due to open in 2027.""", complete=True)
