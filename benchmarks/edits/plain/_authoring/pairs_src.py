"""Held-out "plain human rewrite" pairs for the direction check (original writing for unspun; every
person, place, organisation, figure and quote is fictional). Written before the information-loss and
compression signals were tried, and not edited afterwards. Same marker syntax as
../../data/_authoring/build.py. The rewrites imitate a person re-editing a wire story for another
outlet: plainer words, shorter or merged sentences, specifics trimmed (exact figures rounded, titles
and middle names dropped, hedges cut), a sentence dropped here and there, now and then a line of
context added; no thesaurus oddities, no deliberate meaning changes."""

PAIRS = []


def P(text, **kw):
    kw["text"] = text
    PAIRS.append(kw)


# 001 bridge closure: officialese -> plain, figure rounded, sentence merged
P("""Engineers have {s:commenced>started} emergency repairs on the Halloway Bridge after an inspection
{s:identified>found} corrosion in {x:three of its 14 steel cables>several of its cables}, the county
council said on Monday. §
The bridge, which carries about {x:23,400 vehicles>23,000 cars and lorries} a day, will be
{s:restricted>limited} to a single lane in each direction until at least {x:mid-March>March}. §
{x:Council leader Graham Oduya said the closure was "regrettable but unavoidable". He added>The council's leader said} that
the alternative was {x:"to wait for something to fail, and that is not a risk we are prepared to take">"to wait for something to fail"}. §
{r:Local businesses said they feared a fall in trade during the works.>} §
Drivers are advised to allow extra time for journeys.""")

# 002 school meals: plain synonyms, a sentence dropped, quote trimmed
P("""{x:Approximately>About} 1,850 pupils in Castlereagh will receive free breakfasts from
September under a pilot scheme {s:funded>paid for} by the regional government. §
The £2.4 million programme will run in {x:nineteen primary schools in the most deprived wards>19 primary
schools in poorer areas} for two years. §
"Children cannot learn on an empty stomach," said {x:Education Minister Priya Ramaswamy>the education minister, Priya Ramaswamy}.
{r:"Teachers have been telling us this for a decade, and we have listened.">} §
Researchers at Lowfield University will {s:evaluate>assess} whether attendance and test scores
{s:improve>go up}. §
{r:Opposition councillors said the money should have gone to secondary schools, where need was greater.>}""")

# 003 factory fire: hedges cut, sentences shortened
P("""A fire that {x:broke out at a plastics recycling plant in Dunmore late on Wednesday>started at a Dunmore recycling plant on Wednesday night}
sent a plume of black smoke over the town and {s:prompted>led} officials to {s:advise>tell} residents to keep
windows closed. §
{x:Around 60 firefighters from five stations>Sixty firefighters} {x:were at the scene at the height of the blaze>fought the blaze}, which was
{x:largely brought under control>mostly under control} by Thursday morning. §
The cause {x:is not yet known and is understood to be the subject of a joint investigation>is being investigated}. §
No injuries were reported. §
{x:Dr. Hamish Bellweather, the area's director of public health, said>A public health official said} the smoke posed
{x:a limited>little} risk but {s:urged>asked} people with asthma to stay indoors.""")

# 004 transport strike: merged sentences, numbers kept, context line added
P("""Bus drivers in Marlow Vale will strike for three days next week after talks over pay
broke down, the Transport Workers' Union said on Friday. §
{x:The union said 412 of its members had voted in the ballot. Of those, 87 percent backed>Nearly nine in ten of the 412 members who voted backed} the
walkout. §
{x:Regional secretary Tomasz Wielgosz>Union official Tomasz Wielgosz} said drivers had
{s:endured>put up with} "years of below-inflation pay rises". §
The operator, Vale Connect, said it was {s:disappointed>sorry} and would run a {s:reduced>limited}
timetable. {a:>The last bus strike in the region was in 2019.} §
{r:Schools said pupils who rely on buses should contact their school office.>}""")

# 005 library reopening: plain, figures rounded
P("""The Carrow Street library {s:reopened>opened again} on Saturday after an {x:18-month, £6.7 million
refurbishment>18-month refit costing almost £7 million} that added a café, a children's wing and a
{s:dedicated>separate} study area for teenagers. §
{x:More than 1,300 people passed through the doors on the first day, according to the council>Over a thousand people visited on the first day}. §
"It feels like the heart of the street has come back," said {x:retired teacher Margaret Ellingham, 74, who has used the library since 1962>Margaret Ellingham, a regular since the 1960s}. §
The library will open {x:seven days a week, from 9am to 8pm on weekdays>every day}.""")

# 006 hospital waiting times: a human shortens, keeps the quote
P("""Patients at Westbury General waited an average of {x:4 hours and 52 minutes>nearly five hours} in
the emergency department in January, {x:the longest figure recorded since the hospital began publishing the data in 2015>a record}. §
The hospital's chief executive, Dr. Lena Sorvino, {s:attributed>put} the delays {x:to a combination of flu admissions and a shortage of beds in the community>down to flu and a lack of care-home beds}. §
"We are not where we want to be," she said. §
{r:The trust has opened an extra ward with 22 beds and recruited 40 agency nurses to help.>} §
Patient groups called the figures {s:alarming>worrying}.""")

# 007 football club sale: the rewrite adds context, shortens elsewhere
P("""Harbourside FC {s:has been sold>has been bought} by a consortium led by the {x:Lisbon-based>Portuguese}
investor Rui Albuquerque, {x:ending nine years of ownership by the Pendle family>ending the Pendle family's nine years in charge}. §
The club did not disclose the price, {x:but people familiar with the deal put it at around £45 million>reported to be about £45 million}. §
{a:>Harbourside were promoted to the second tier last season.} Albuquerque said he wanted to {s:build>create}
"a club the whole city is proud of". §
{x:Supporters' trust chair Deborah Quayle welcomed the sale but said fans would be watching closely to see whether promises on ticket prices were kept>Fans welcomed the sale but said they would watch for promises on ticket prices}.""")

# 008 drought measures: merged, hedges dropped
P("""Water company Southmere will {s:introduce>bring in} a hosepipe ban from 15 July, affecting
{x:roughly 1.2 million customers across three counties>1.2 million customers}. §
Reservoir levels {x:stand at 58 percent, compared with an average of 74 percent for the time of year>are at 58 percent, well below normal}. §
{x:The company said it had "no choice" given the forecast. It said it was>The company said it had "no choice" and was} also
{s:repairing>fixing} leaks {x:at a rate of about 1,100 a week>faster than ever}. §
{x:Campaigners, however, pointed out>Campaigners said} that the firm loses nearly a fifth of its water through leaks. §
Anyone {s:breaching>breaking} the ban {s:faces>could face} a fine of up to £1,000.""")

# 009 museum theft: plain retelling
P("""Thieves {x:used a ladder to reach a first-floor window and stole>broke in through a window and took} two
{x:18th-century>antique} silver candlesticks from the Aldgate Museum in the early hours of Tuesday, police said. §
The candlesticks, {s:crafted>made} by the Edinburgh silversmith {x:Alexander Tennant in 1774>Alexander Tennant},
are {s:estimated to be worth>thought to be worth} £80,000. §
{x:Detective Sergeant Ruth Okonkwo said the theft appeared to have been "carefully planned">Police said the theft appeared "carefully planned"}. §
{r:The museum, which has no overnight security guard, said it was reviewing its arrangements.>} §
Anyone offered the items is asked to {s:contact>call} police.""")

# 010 council budget: merged, number rounded, sentence dropped
P("""Fernhill council has {s:approved>passed} a budget that {x:raises council tax by 4.99 percent, the maximum allowed without a local referendum>puts council tax up by the maximum allowed}. §
{x:The council said the increase would raise £7.3 million. It said the money would go mainly towards adult social care>The £7.3 million it raises will mostly go to adult social care},
where costs have risen {x:by 14 percent in two years>sharply}. §
{x:Opposition leader Colin Ashdown>The opposition} said residents were "paying more for less". §
{r:The budget also includes plans to close two of the borough's eleven recycling centres.>} §
The changes take effect in April.""")

# 011 scientific finding: jargon -> plain, hedge dropped
P("""Researchers at the University of Tarrow have found that {x:adults who slept fewer than six hours a night were 27 percent more likely>people who sleep less than six hours are more likely} to
develop high blood pressure {x:over a ten-year period>over ten years} than those who slept seven to eight hours. §
The study, {x:published in the journal Cardiac Health on Wednesday, followed 11,400 participants>which followed more than 11,000 people}. §
{x:Lead author Professor Ingrid Halvorsen cautioned that the findings showed an association rather than proof that short sleep causes hypertension>The lead author, Ingrid Halvorsen, said it was an association, not proof}. §
"{q:But the pattern was remarkably consistent>The pattern was consistent}," she said.""")

# 012 airport expansion: light rewrite, close to the original (hard case)
P("""Plans to build a second runway at Kestrel Airport have been {s:approved>given the go-ahead} by the
planning inspectorate, {x:clearing>removing} the last major hurdle to the £1.1 billion project. §
The airport says the runway will {s:allow>let} it handle 20 million passengers a year by 2035,
{x:nearly double the current figure>twice as many as now}. §
Residents' group Quiet Skies said it would {s:consider>look at} a legal challenge. §
"{q:This decision ignores>The decision ignores} the people who will live under the flight path," said its
chair, Simon Achebe. §
Construction is {s:expected>due} to begin next year.""")
