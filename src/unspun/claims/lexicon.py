"""Word tables of the claims family: cue verbs (and their stance), titles, roles, and the lemma/POS
dictionary the rules read instead of spaCy's lemmatizer.  Why tables: cue verbs decide both "is this an
attribution?" and its stance."""
from __future__ import annotations

import re
from typing import Any

DENY = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "repudiate", "disavow", "debunk"})
DISPUTE = frozenset({"dispute", "challenge", "contest", "question", "contradict", "doubt", "counter"})
REPORT = frozenset({"report", "cite", "quote", "according", "reportedly", "allegedly"})
SPEECH = frozenset(
    """say tell claim state add announce argue assert insist maintain warn write tweet post note explain
    suggest confirm acknowledge admit allege accuse predict declare reply respond answer ask urge call
    describe recall conclude complain concede contend estimate indicate mention observe promise reveal
    stress testify vow pledge agree caution criticize criticise joke quip boast continue emphasize emphasise
    insist believe think argue charge blame praise recommend propose demand threaten hint signal
    speculate worry fear hope expect predict find show conclude point brag lament muse wonder retort
    remark affirm assure inform advise report cite quote deny reject dismiss refute rebut dispute
    challenge contest question contradict doubt counter repudiate disavow debunk
    endorse support oppose defend denounce condemn decry tout applaud hail welcome slam blast mock
    rebuke attack reiterate repeat echo express voice
    bemoan chant remind retweet invoke plead shout yell exclaim forecast deem imply email encourage request
    order""".split()
)
# Verbs that only count as cues with a clausal complement or an adjacent quote (too common otherwise).
# Not "cite": "citing X", "cited X" report a source with an object alone (PolNeAR train, counts only: 68
# of 78 occurrences lie inside a gold cue).
NEEDS_CLAUSE = frozenset(
    {"call", "find", "show", "continue", "point", "think", "believe", "hope", "expect", "fear", "worry",
     "wonder", "add", "ask", "agree", "charge", "signal", "indicate", "answer", "reveal", "describe",
     "quote", "post", "write", "threaten", "chant", "remind", "plead", "shout", "yell", "exclaim", "imply",
     "email", "encourage", "maintain"}
)
# Attitudes (PolNeAR annotates beliefs, wants and stances, not just speech).  Off by default: "X wants
# Y" is not a claim for the report; `ClaimExtractor(attitudes=True)` turns them on.  The list holds
# lemmas that were a cue in >= ~45% of their occurrences in PolNeAR *train* (counts of words only).
ATTITUDE_OBJECT = frozenset(
    """support endorse oppose back defend denounce blast slam mock tout condemn decry praise criticize
    criticise thank applaud hail rebuke chide assail lambast deride credit echo reiterate repeat highlight
    list express discuss voice outline disclose reference recount portray label dub characterize liken
    favor favour prefer embrace champion welcome attack call describe ask urge accuse""".split()
)
ATTITUDE_CONTROL = frozenset(
    """want refuse decline seek hope plan pledge vow promise intend aim prefer offer threaten agree
    expect vote push""".split()
)
ATTITUDE_PREP = frozenset(
    """refer talk speak focus rail allude vouch call warn push advocate complain comment ask argue
    boast brag joke""".split()
)
# Cognition verbs with a clause ("X knows that ...", "X sees the deal as ..."): attitudes, clause only
COGNITIVE = frozenset(
    """know see feel learn understand realize realise recognize recognise consider assume suspect imagine
    remember wish notice""".split()
)
ATTITUDE_CONTROL = ATTITUDE_CONTROL | frozenset({"decide"})
# "X seemed to Y", "X is expected to Y": an attitude with no source; the content is X plus the complement
RAISING = frozenset({"seem", "appear", "expect"})
ATTITUDES = ATTITUDE_OBJECT | ATTITUDE_CONTROL | ATTITUDE_PREP | RAISING | COGNITIVE
# Attitude lemmas read the attitude way by default (issue 18): on PolNeAR *train* (first 400 texts, counts
# of words only) what `attitudes=True` adds for the lemma had an exact cue in >= 40 %, an exact source
# in >= 40 % (when it has one) and an exact content in >= 25 % of the added extractions, well above half
# the F1 they join.  Left out (below the bar): want, seek, offer, plan, back, vote, push, see, feel,
# know, speak, talk, focus, embrace, favor, intend, respond, threaten ("X wants Y" stays opt-in).  Round 6
# added chide (7 of 7 occurrences in train inside a gold cue) and characterize (6 of 11) by the cue-share
# bar of round 2 (>= 50 % and >= 6 gold cues).
ATTITUDE_DEFAULT = frozenset(
    """call refer seem appear expect refuse decline discuss describe hope vow pledge prefer thank agree
    highlight recognize learn promise consider portray disclose aim reference assail advocate rail liken list
    remember chide characterize""".split()
) & ATTITUDES
# Read the attitude way by default only with a person or organisation as subject (a pronoun, a name, a
# title, role or vague-source noun): "Clinton knows that ...", not "the bill offers".  Same bar as above,
# measured with that subject test (train, first 400 texts).  Below it even so: want (33 % exact cue),
# seek 34, back 34, plan 29, see 26, feel 26, focus 31, embrace 32, speak 16, vote 10, intend 18.
ATTITUDE_PERSONAL = frozenset("""offer know talk push threaten favor""".split()) & ATTITUDES
# Cognition verbs read as an attitude only with a person or organisation as subject and a finite clause
# with its own subject ("officials realize that the plan failed", "voters feel the economy is rigged"):
# the clause is what the source holds true.  Without the clause ("I see him", "they feel good") they
# are not attributions.  (issue 18, round 6; measured on PolNeAR train[:300], see docs/claims.md)
COGNITIVE_CLAUSE = COGNITIVE - {"see"}  # "waited to see if", "can see that": mostly perception (train: 1 of 5 added in gold)
# Every verb that can be a cue with attitudes off, each under its own condition in `frames.parse_frames`:
# what the parser is asked to look at (`extract`) and which sentences are worth parsing (`plan`)
DEFAULT_CUE_VERBS = SPEECH | ATTITUDE_DEFAULT | ATTITUDE_PERSONAL | COGNITIVE_CLAUSE
# "accused X of Y", "described X as Y", "blamed X on Y": the object and the phrase are the content
OBJECT_PREPS = {
    "accuse": ("of",), "blame": ("on", "for"), "criticize": ("for",), "criticise": ("for",), "praise": ("for",),
    "describe": ("as",), "thank": ("for",), "credit": ("for", "with"), "fault": ("for",), "portray": ("as",),
    "characterize": ("as",), "label": ("as",), "condemn": ("for", "as"), "warn": ("of", "about"),
    "slam": ("for",), "blast": ("for",), "attack": ("for",), "denounce": ("as", "for"),
}
# A phrase with one of these after the object of any cue verb belongs to the content ("endorsed Cruz for
# president", "denied class-action status to employees", "mentioned Sanders by name"); time and place
# phrases ("in", "on", "at", "after") are adjuncts the annotators leave out (PolNeAR train: +0.4 content)
ARG_PREPS = ("as", "for", "to", "by", "about", "against", "with", "from")
# "urged the judge to give ...", "told her not to worry": what was asked is the infinitive, not the addressee
ADDRESSEE = frozenset("urge ask tell warn advise encourage remind implore beg invite order instruct press".split())
# A request names who is to act as part of what is asked ("asked the congregation to stand", "urges
# conservatives to unite"); telling and warning keep only the infinitive ("told her not to worry").
REQUEST = frozenset("urge ask encourage implore beg invite order instruct press".split())
CUE_PREPS = frozenset({"about", "of", "for", "on", "to", "against"})
# A speech verb with only a topic phrase reports speech about it ("warned of a budget crisis", "boasted
# of record numbers", "wrote about the steel industry"): the verb and the preposition are the cue, the
# topic the content.  PolNeAR train (counts only): with these verbs "about" / "of" lies inside the gold
# cue 27 times, the verb alone 4, neither 7 ("said of" splits 25 / 36 and "talk about" is mostly a
# show-booking blurb: both left out; "speak" would need more sentences parsed).
TOPIC_SPEECH = frozenset("warn boast brag write joke complain quip".split())
TOPIC_PREPS = frozenset({"about", "of"})
# A reported clause opened by a mark the parser reads as an adverbial clause: the question of "asked
# (them) if / whether ...", the demand of "called for the US to step up ...", "pushing for X to Y"
_QUESTION = ("if", "whether")
CLAUSE_MARKS: dict[str, tuple[str, ...]] = {
    "ask": _QUESTION, "wonder": _QUESTION, "question": _QUESTION, "inquire": _QUESTION,
    "call": ("for",), "push": ("for",), "advocate": ("for",), "plead": ("for",), "press": ("for",),
}
# with attitudes on, only these still need a clausal complement to count
STRICT_CLAUSE = frozenset({"find", "show", "continue", "point", "add", "answer", "signal", "indicate", "reveal",
                            "write", "post", "quote", "think", "believe", "agree", "worry", "fear", "wonder"}) | COGNITIVE
# Light-verb cues: a common verb and the word after it say what a speech verb would ("made it clear
# that", "made the case for", "expressed concern that", "raised questions about", "shot back that").
# The verb group through that word is the cue; what follows it is the content.  Phrases from general
# usage (checked on PolNeAR train as a share of occurrences inside a gold cue: 50-90 %; "pointed to"
# 78 %, where the bare "point" seldom is a cue).
LIGHT_CUES: dict[str, frozenset[str]] = {
    "make": frozenset({"clear", "case"}),
    "express": frozenset(
        """concern concerns hope hopes confidence doubt doubts frustration skepticism scepticism
        opposition support interest regret outrage dismay optimism disappointment anger surprise""".split()),
    "raise": frozenset({"question", "questions", "concern", "concerns", "doubt", "doubts"}),
    "shoot": frozenset({"back"}),
    "point": frozenset({"to"}),
}
# A poll, study or record "shows" / "found" / "suggests" X: a document as the source, and its verb
# reports an object as well as a clause ("a CNN poll showed a one-point race").  With a person as
# subject "show" and "find" need a clause ("she showed her ID" is no claim).
EVIDENCE = frozenset(
    """poll polls survey surveys study studies record records data figures numbers results analysis research
    document documents email emails statistics polling report reports filing filings review audit census
    tally count estimates projections""".split()
)
EVIDENCE_VERBS = frozenset({"show", "find", "indicate", "suggest", "reveal", "signal"})
# "In a new CNN poll, 50 percent of respondents chose Clinton": a sentence that opens with "In" and a poll
# reports its clause as "according to" would (PolNeAR train, counts only: 15 of 20 sentence-initial
# occurrences lie inside a gold cue; elsewhere in a sentence 25 of 106, so only the opening counts)
POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys"})
# Nominal cues: a speech noun with its source as possessive ("Smith's claim that X", "his warning that
# X", "Pence's call for X", "the senator's criticism of X") or a "from" phrase ("criticism from X").  The
# noun (with the preposition of its content) is the cue, the clause or the preposition's object the
# content.  Only with a "that" clause or the preposition listed (general usage; PolNeAR train counts
# only checked the share: a clause after "statement", "suggestion", "claim" ... is annotated 40-70 % of
# the time, "the message that ..." or "his support for ..." far less, so they are left out).
_THAT_NOUNS = """claim claims statement statements assertion assertions suggestion argument warning warnings
    insistence contention allegation allegations accusation accusations admission prediction complaint
    hope hopes belief announcement""".split()
NOMINAL_CUES: dict[str, frozenset[str]] = {w: frozenset({"that"}) for w in _THAT_NOUNS} | {
    "criticism": frozenset({"of"}), "endorsement": frozenset({"of"}), "denial": frozenset({"that", "of"}),
    "call": frozenset({"for"}), "calls": frozenset({"for"}), "plea": frozenset({"for"}),
}
# "issued a statement saying X", "released a statement Tuesday condemning X", "issued a statement that X":
# the press statement is how an organisation speaks; the verb group through the participle is the cue
# (PolNeAR train, counts only: 25 of 26 "issued/released a statement" lie inside a gold cue).
STATEMENT_VERBS = frozenset({"issue", "release"})
STATEMENT_NOUNS = frozenset({"statement", "statements"})
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them", "it"})
TITLES = frozenset(
    """president minister spokesman spokeswoman spokesperson secretary senator sen sen. rep rep. governor
    gov gov. mayor chancellor judge general gen gen. chief director ceo chairman chairwoman chair head
    leader official commissioner ambassador prosecutor attorney sheriff officer captain professor prof
    dr dr. mr mr. mrs mrs. ms ms. premier king queen prince pope bishop representative congressman
    congresswoman councillor councilor councilman councilwoman executive founder manager coach
    analyst economist researcher scientist lawyer adviser advisor aide deputy vice prime foreign
    defence defense interior finance health justice state press campaign police fire security
    opposition party union company agency ministry department treasurer auditor inspector superintendent
    administrator registrar comptroller controller marshal provost dean""".split()
)
HEAD_TITLES = frozenset(
    """president minister spokesman spokeswoman spokesperson secretary senator governor mayor chancellor
    judge general chief director ceo chairman chairwoman chair head leader official commissioner
    ambassador prosecutor attorney sheriff officer captain professor premier king queen prince pope
    bishop representative congressman congresswoman councillor councilor executive founder manager coach
    analyst economist researcher scientist lawyer adviser advisor aide deputy treasurer auditor inspector
    superintendent administrator registrar comptroller marshal provost dean""".split()
)
ROLE_WORDS = frozenset(
    """candidate organiser organizer biologist activist novelist singer actor actress author writer
    farmer miner witness resident student teacher nurse doctor player striker midfielder goalkeeper
    negotiator historian journalist reporter editor columnist lawmaker legislator councillor
    commander keeper owner""".split()
)
# Groups of people that hold views in poll and campaign reports ("voters feel the race is rigged",
# "Democrats know that ..."): persons as subjects of attitude verbs (`frames.personal_subject`), not sources
# the report names as people
GROUPS = frozenset(
    """voters voter americans democrats republicans independents conservatives liberals progressives residents
    citizens members leaders delegates donors caucusgoers caucus-goers respondents workers parents""".split()
)
# Vague sources: nobody in particular, grouped apart in the report and never listed as a person
VAGUE = frozenset(
    """some others many few several most one someone somebody anyone everyone nobody reports report
    sources source critics officials observers experts analysts insiders commentators pundits skeptics
    sceptics opponents supporters detractors rumours rumors speculation media witnesses people""".split()
)
PERSONLESS = frozenset({"reports", "report", "sources", "source", "officials", "witnesses", "media"})
ANAPHORIC_CONTENT = frozenset(
    {"claim", "claims", "allegation", "allegations", "accusation", "accusations", "report", "reports",
     "charge", "charges", "assertion", "story", "rumour", "rumor", "rumours", "rumors", "it", "this",
     "that", "suggestion", "account", "statement"}
)

# "X is reportedly considering Y": the adverb says someone reported the clause it modifies, without
# saying who (a claim with no source; PolNeAR train, counts only: 18 of 27 lie inside a gold cue, where
# "allegedly", 2 of 12, is mostly a legal hedge, so it stays out)
REPORT_ADVERBS = frozenset({"reportedly"})
IRREGULAR = ("said", "told", "wrote", "written", "thought", "spoke", "found", "according", "shown", *REPORT_ADVERBS)


def verb_forms(lemma: str) -> set[str]:
    """Inflected forms of a regular verb, enough for a pre-parse filter (the parser decides)."""
    out = {lemma, lemma + "s", lemma + "ing", lemma + "ed", lemma + "d"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


# Why our own POS and lemma: spaCy's attribute_ruler + lemmatizer cost ~40% as much as the parser
# here (a Matcher pass per doc), and the rules only need the coarse POS of a tag and the lemma of cue
# verbs and title nouns, both of which a dictionary gives.
_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "EX": "PRON", "DT": "DET", "PDT": "DET", "WDT": "DET", "MD": "AUX",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "IN": "ADP", "RP": "ADP", "TO": "PART", "POS": "PART", "CC": "CCONJ", "CD": "NUM", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV",
    "UH": "INTJ", "SYM": "SYM", "$": "SYM", "#": "SYM",
}
_AUX_WORDS = frozenset(
    "be is am are was were been being 's 're 'm have has had having 've 'd do does did".split()
)
VERB_LEMMA: dict[str, str] = {}
for _w in sorted(SPEECH | ATTITUDES):
    for _f in verb_forms(_w):
        VERB_LEMMA.setdefault(_f, _w)
for _w in SPEECH | ATTITUDES:
    VERB_LEMMA[_w] = _w
for _w in (*LIGHT_CUES, *STATEMENT_VERBS):
    for _f in verb_forms(_w):
        VERB_LEMMA.setdefault(_f, _w)
VERB_LEMMA.update(
    made="make", making="make", shot="shoot", shoots="shoot", shooting="shoot",
    said="say", says="say", told="tell", wrote="write", written="write", thought="think", spoke="speak",
    spoken="speak", found="find", shown="show", quipped="quip", quipping="quip", agreed="agree",
    sought="seek", knew="know", felt="feel", backed="back", hoped="hope", hoping="hope",
    referred="refer", referring="refer", preferred="prefer", preferring="prefer", favoured="favour",
    known="know", saw="see", seen="see", sees="see", seeing="see", learnt="learn",
    understood="understand", decided="decide",
)
_NOUN_LEMMA = {w + "s": w for w in HEAD_TITLES} | {w[:-3] + "men": w for w in HEAD_TITLES if w.endswith("man")}


def upos(tok: Any) -> str:
    """Universal POS from the fine-grained tag (auxiliary be/have/do/modals as AUX)."""
    tag = tok.tag_
    if tag.startswith("VB") and tok.lower_ in _AUX_WORDS and tok.dep_ in ("aux", "auxpass"):
        return "AUX"
    return _UPOS.get(tag, "X" if tag else "")


def lemma_of(tok: Any) -> str:
    """Lower-case lemma for cue verbs and title nouns; other words come back lower-cased as written."""
    low = tok.lower_
    if tok.tag_.startswith("VB"):
        return VERB_LEMMA.get(low, low)
    return _NOUN_LEMMA.get(low, low)

