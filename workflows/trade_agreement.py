"""`trade-agreement`: the negotiation lifecycle of a US trade agreement.

announced -> domestic_procedures -> congressional_notification -> negotiating -> preliminary
-> finalized -> implemented, with suspend/resume and terminate as side exits.

Version 1 is the lifecycle; version 2 adds authorities, milestones and clocks; version 3 adds every
calendar-day clock of TPA-2015, its window, the 19 U.S.C. 4206 exemption, and agreement-specific
provisions an agreement opts into (USMCA's joint review, Art. 34.7). Each version stays
as it was for the agreements created under it. The citations were checked against the text of
19 U.S.C. 4201-4210, 2155 and 2191 (docs/sources.md, docs/trade-policy.md).
"""

from datetime import date

from workflows.clocks import EARLIEST, LATEST, Clock, Exemption, Provision
from workflows.definition import PREVIOUS_STATE, SAME_STATE, TransitionSpec, WorkflowDefinition

LIFECYCLE = (
    "announced",
    "domestic_procedures",
    "congressional_notification",
    "negotiating",
    "preliminary",
    "finalized",
    "implemented",
)
SUSPENDED = "suspended"
TERMINATED = "terminated"
STATES = (*LIFECYCLE, SUSPENDED, TERMINATED)

# The WTO RTA-IS status beside each state; a suspended agreement reports the state it left.
RTA_IS_STATUS = {
    **{s: "Early announcement - Under negotiation" for s in LIFECYCLE[:5]},
    "finalized": "Early announcement - Signed",
    "implemented": "In Force",
    TERMINATED: "Inactive",
}

TRADE_AGREEMENT_V1 = WorkflowDefinition(
    name="trade-agreement",
    version=1,
    states=STATES,
    initial="announced",
    final_states=(TERMINATED,),
    description="The negotiation lifecycle of a trade agreement, from announcement to entry into force.",
    rta_is_statuses=tuple(RTA_IS_STATUS.items()),
    transitions=(
        TransitionSpec(
            "start_domestic_procedures",
            ("announced",),
            "domestic_procedures",
            "Each side begins the procedures it must complete before talks may open.",
        ),
        TransitionSpec(
            "notify_congress",
            ("domestic_procedures",),
            "congressional_notification",
            "USTR formally notifies Congress of the intent to negotiate.",
        ),
        TransitionSpec(
            "open_negotiations", ("congressional_notification",), "negotiating", "Formal negotiating rounds begin."
        ),
        TransitionSpec(
            "reach_preliminary",
            ("negotiating",),
            "preliminary",
            "An agreement in principle, or a preliminary agreement with some parties.",
        ),
        TransitionSpec("reopen", ("preliminary",), "negotiating", "Talks reopen after a preliminary agreement."),
        TransitionSpec("sign", ("preliminary",), "finalized", "The text is signed."),
        TransitionSpec("implement", ("finalized",), "implemented", "The agreement enters into force."),
        TransitionSpec(
            "suspend",
            tuple(s for s in LIFECYCLE if s != "implemented"),
            SUSPENDED,
            "Talks stall; the agreement remembers where it stood.",
        ),
        TransitionSpec("resume", (SUSPENDED,), PREVIOUS_STATE, "Talks restart in the state they left."),
        TransitionSpec(
            "terminate", tuple(s for s in STATES if s != TERMINATED), TERMINATED, "Withdrawal or supersession; final."
        ),
    ),
)


# -- version 2: authorities, milestones and statutory clocks ------------------------------------

TPA = "tpa"
SECTION_103A = "section_103a"
EXISTING_FTA = "existing_fta"
OTHER = "other"
AUTHORITIES = (TPA, SECTION_103A, EXISTING_FTA, OTHER)

# Dated events that leave the state unchanged; each may be recorded in any state but the final one.
MILESTONES = {
    "publish_objectives": "USTR publishes the negotiating objectives.",
    "agreement_in_principle": "The parties announce an agreement in principle; may repeat.",
    "notify_intent_to_sign": "The President notifies Congress of the intent to sign (or, under section 103(a), to enter into) the agreement.",
    "publish_text": "USTR publishes the text of the agreement.",
    "trade_remedy_report": "The President reports on trade-remedy law changes to Ways and Means and Finance.",
    "itc_report": "The USITC delivers its report on the agreement's economic effects.",
    "introduce_bill": "The implementing bill is introduced in Congress.",
    "pass_house": "The House passes the implementing bill.",
    "pass_senate": "The Senate passes the implementing bill.",
    "enact": "The implementing bill becomes law.",
    "proclaim": "The President proclaims the agreement's tariff changes (section 103(a), or an existing FTA's implementing act).",
    "sign_protocol": "A protocol amending the signed agreement is signed.",
    "extend_deadline": "A clock's deadline is extended; carries the clock and the number of days.",
}
_OPEN = tuple(s for s in STATES if s != TERMINATED)

CLOCKS = (
    Clock(
        "notice_of_intent_to_negotiate",
        "open_negotiations",
        "notify_congress",
        90,
        EARLIEST,
        "19 U.S.C. 4204(a)(1)(A)",
        "Congress was notified",
        (TPA,),
        "USTR must notify Congress at least 90 calendar days before negotiations start",
    ),
    Clock(
        "negotiating_objectives",
        "open_negotiations",
        "publish_objectives",
        30,
        EARLIEST,
        "19 U.S.C. 4204(a)(1)(D)",
        "the negotiating objectives were published",
        (TPA,),
        "USTR must publish the negotiating objectives at least 30 days before negotiations start",
    ),
    Clock(
        "notice_of_intent_to_sign",
        "sign",
        "notify_intent_to_sign",
        90,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(A)",
        "the President notified Congress of the intent to sign",
        (TPA,),
        "the President must notify Congress at least 90 calendar days before signing",
    ),
    Clock(
        "text_published",
        "sign",
        "publish_text",
        60,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(B)",
        "the text was published",
        (TPA,),
        "USTR must publish the text at least 60 days before signing",
    ),
    Clock(
        "implementing_bill_enacted",
        "implement",
        "enact",
        0,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(F)",
        "the implementing bill was enacted",
        (TPA,),
        "a TPA agreement enters into force only once its implementing bill is law",
    ),
    Clock(
        "itc_report",
        "itc_report",
        "sign",
        105,
        LATEST,
        "19 U.S.C. 4204(c)(2)",
        "the agreement was signed",
        (TPA,),
        "the USITC reports within 105 days after signing, plus any extension",
    ),
    Clock(
        "section_103a_notice",
        "sign",
        "notify_intent_to_sign",
        0,
        EARLIEST,
        "19 U.S.C. 4202(a)(2)",
        "the President notified Congress of the intent to enter the agreement",
        (SECTION_103A,),
        "the President must notify Congress of the intent to enter a section 103(a) agreement (no set number of days)",
    ),
    Clock(
        "section_103a_proclamation",
        "implement",
        "proclaim",
        0,
        EARLIEST,
        "19 U.S.C. 4202(a)(1)(B)",
        "the President proclaimed the tariff changes",
        (SECTION_103A,),
        "a section 103(a) agreement takes effect by proclamation",
    ),
    Clock(
        "fta_consultation_and_layover",
        "implement",
        "sign",
        60,
        EARLIEST,
        "the existing FTA's implementing act, e.g. Pub. L. 112-41 sec. 104 (KORUS)",
        "the changes were signed",
        (EXISTING_FTA,),
        "changes under an existing FTA's implementing act follow its 60-day consultation and layover period",
    ),
    Clock(
        "fta_proclamation",
        "implement",
        "proclaim",
        0,
        EARLIEST,
        "the existing FTA's implementing act, e.g. Pub. L. 112-41 sec. 104 (KORUS)",
        "the President proclaimed the changes",
        (EXISTING_FTA,),
        "changes under an existing FTA's implementing act take effect by proclamation",
    ),
)

TRADE_AGREEMENT_V2 = WorkflowDefinition(
    name="trade-agreement",
    version=2,
    states=STATES,
    initial="announced",
    final_states=(TERMINATED,),
    description=(
        "Version 1's lifecycle, with the path set by the negotiating authority (tpa, section_103a, existing_fta, "
        "other), dated milestones that leave the state unchanged, and statutory clocks (calendar days only)."
    ),
    authorities=AUTHORITIES,
    default_authority=TPA,
    rta_is_statuses=tuple(RTA_IS_STATUS.items()),
    clocks=CLOCKS,
    transitions=(
        *TRADE_AGREEMENT_V1.transitions[:2],  # start_domestic_procedures, notify_congress
        TransitionSpec(
            "open_negotiations", ("congressional_notification",), "negotiating", "Formal negotiating rounds begin."
        ),
        TransitionSpec(
            "open_negotiations",
            ("domestic_procedures",),
            "negotiating",
            "Formal rounds begin without a TPA notice of intent to negotiate.",
            (SECTION_103A, OTHER),
        ),
        TransitionSpec(
            "open_negotiations",
            ("announced",),
            "negotiating",
            "Talks under an existing FTA open straight from the announcement.",
            (EXISTING_FTA,),
        ),
        *(
            t
            for t in TRADE_AGREEMENT_V1.transitions
            if t.event not in ("start_domestic_procedures", "notify_congress", "open_negotiations")
        ),
        *(TransitionSpec(event, _OPEN, SAME_STATE, text) for event, text in MILESTONES.items()),
    ),
)


# -- version 3: every calendar-day clock of TPA-2015, its window, and the 4206 exemption ---------

MILESTONES_V3 = {
    **{k: v for k, v in MILESTONES.items() if k != "extend_deadline"},
    "request_itc_assessment": "The President gives the USITC the agreement's details and requests its assessment.",
    "advisory_reports": "The trade advisory committees report on the agreement to the President, Congress and USTR.",
    "submit_changes_list": "The President submits to Congress a description of the changes to US law the agreement requires.",
    "submit_final_text": "The President submits to Congress the final legal text and a draft statement of administrative action.",
    "report_to_committees": "The President reports the proposed action, with the advice obtained, to Ways and Means and Finance.",
    "joint_review": "The Free Trade Commission meets for the joint review",
    "extend_deadline": MILESTONES["extend_deadline"],
}

# Before this date, or before 2018-07-01 had the procedures not been extended under 4202(c).
# They were: the President asked before 2018-04-01 and no disapproval resolution passed.
TPA_2015_WINDOW_CLOSES = date(2021, 7, 1)
TPA_2015_WINDOW = "TPA-2015's window for entering into trade agreements (July 1, 2018, extended to July 1, 2021)"

_V2_CLOCKS = {c.name: c for c in CLOCKS}

ADVISORY_REPORTS = Clock(
    "advisory_reports",
    "advisory_reports",
    "notify_intent_to_sign",
    30,
    LATEST,
    "19 U.S.C. 4204(b)(4) and 2155(e)(1)",
    "the President notified Congress of the intent to enter into the agreement",
    (TPA, SECTION_103A),
    "the advisory committees report within 30 days after the President notifies Congress of the intent to "
    "enter into the agreement (under 4205(a)(1)(A), or 4202(a)(2) for a section 103(a) agreement)",
)

CLOCKS_V3 = (
    _V2_CLOCKS["notice_of_intent_to_negotiate"],
    _V2_CLOCKS["negotiating_objectives"],
    Clock(
        "trade_remedy_report",
        "sign",
        "trade_remedy_report",
        180,
        EARLIEST,
        "19 U.S.C. 4204(b)(3)(A)",
        "the President reported on the proposals touching the trade remedy laws",
        (TPA,),
        "the President must report to Ways and Means and Finance on proposals that could require changes to "
        "the trade remedy laws at least 180 calendar days before entering into the agreement",
    ),
    Clock(
        "itc_request",
        "sign",
        "request_itc_assessment",
        90,
        EARLIEST,
        "19 U.S.C. 4204(c)(1)",
        "the President gave the USITC the agreement's details and requested its assessment",
        (TPA,),
        "the President must give the USITC the agreement's details and request its assessment at least 90 "
        "calendar days before entering into the agreement",
    ),
    _V2_CLOCKS["notice_of_intent_to_sign"],
    _V2_CLOCKS["text_published"],
    Clock(
        "tpa_window",
        "sign",
        "",
        0,
        LATEST,
        "19 U.S.C. 4202(b)(1)(C), extended under 4202(c)(1)(B)",
        TPA_2015_WINDOW,
        (TPA,),
        "an agreement under 19 U.S.C. 4202(b) may be entered into only before July 1, 2021 (July 1, 2018, "
        "extended); the window bounds entering into the agreement",
        closes=TPA_2015_WINDOW_CLOSES,
    ),
    ADVISORY_REPORTS,
    Clock(
        "changes_to_us_law",
        "submit_changes_list",
        "sign",
        60,
        LATEST,
        "19 U.S.C. 4205(a)(1)(C)",
        "the agreement was signed",
        (TPA,),
        "the President submits to Congress a description of the changes to existing law the agreement "
        "requires within 60 days after entering into it",
    ),
    _V2_CLOCKS["itc_report"],
    Clock(
        "final_text_and_draft_saa",
        "introduce_bill",
        "submit_final_text",
        30,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(D)",
        "the final legal text and the draft statement of administrative action were submitted",
        (TPA,),
        "the President must submit the final legal text and a draft statement of administrative action at "
        "least 30 days before submitting the implementing bill",
    ),
    _V2_CLOCKS["implementing_bill_enacted"],
    _V2_CLOCKS["section_103a_notice"],
    Clock(
        "section_103a_window",
        "sign",
        "",
        0,
        LATEST,
        "19 U.S.C. 4202(a)(1)(A), extended under 4202(c)",
        TPA_2015_WINDOW,
        (SECTION_103A,),
        "an agreement under 19 U.S.C. 4202(a) may be entered into only before July 1, 2021 (July 1, 2018, "
        "extended); the window bounds entering into the agreement, not the later proclamation",
        closes=TPA_2015_WINDOW_CLOSES,
    ),
    _V2_CLOCKS["section_103a_proclamation"],
    Clock(
        "fta_consultation_and_layover",
        "proclaim",
        "report_to_committees",
        60,
        EARLIEST,
        "the existing FTA's implementing act, e.g. Pub. L. 112-41 sec. 104 (KORUS)",
        "the President reported to Ways and Means and Finance",
        (EXISTING_FTA,),
        "under an existing FTA's implementing act, a proclaimed change waits out a 60-day consultation and "
        "layover period that starts once the President has obtained advice and reported to Ways and Means "
        "and Finance",
    ),
    _V2_CLOCKS["fta_proclamation"],
)

SECTION_4206 = Exemption(
    "4206",
    ("notice_of_intent_to_negotiate", "negotiating_objectives"),
    "19 U.S.C. 4206",
    (TPA,),
    "negotiations under way when TPA-2015 was enacted (2015-06-29) that 4206(a) names, the Trans-Pacific "
    "Partnership among them: the trade authorities procedures apply without the pre-negotiation "
    "requirements of 4204(a), if the President notified Congress and consulted as soon as feasible after "
    "enactment (4206(b)); the later clocks still apply",
)

# USMCA Art. 34.7(2), final text as quoted in December 2018 and June 2019: "On the sixth anniversary
# of the entry into force of this Agreement, the Commission shall meet to conduct a 'joint review' of
# the operation of this Agreement" (the text released in October 2018 read "No later than"). Where it
# was read: docs/trade-policy.md, "Provisions". Entry into force was 2020-07-01.
USMCA_34_7 = Provision(
    "usmca_34_7",
    (
        Clock(
            "joint_review",
            "joint_review",
            "implement",
            0,
            LATEST,
            "USMCA Art. 34.7 (Review and Term Extension), para. 2",
            "the agreement entered into force",
            AUTHORITIES,
            "on the sixth anniversary of the agreement's entry into force, the Free Trade Commission meets to "
            "conduct a joint review of its operation; each Party confirms in writing whether it wishes to "
            "extend the 16-year term",
            years=6,
        ),
    ),
    "USMCA Art. 34.7 (Review and Term Extension)",
    "the USMCA's own review clause: the Free Trade Commission's joint review falls on the sixth anniversary "
    "of entry into force (2026-07-01 for entry into force on 2020-07-01)",
)

TRADE_AGREEMENT_V3 = WorkflowDefinition(
    name="trade-agreement",
    version=3,
    states=STATES,
    initial="announced",
    final_states=(TERMINATED,),
    description=(
        "Version 2, with every calendar-day clock of TPA-2015 (trade remedy report, USITC request, advisory "
        "committee reports, changes to US law, final text and draft SAA), TPA-2015's window, the KORUS-style "
        "consultation and layover before a proclamation, the 19 U.S.C. 4206 exemption, and provisions an "
        "agreement opts into (USMCA Art. 34.7's joint review)."
    ),
    authorities=AUTHORITIES,
    default_authority=TPA,
    rta_is_statuses=tuple(RTA_IS_STATUS.items()),
    clocks=CLOCKS_V3,
    exemptions=(SECTION_4206,),
    provisions=(USMCA_34_7,),
    transitions=(
        *(t for t in TRADE_AGREEMENT_V2.transitions if not t.milestone),
        *(TransitionSpec(event, _OPEN, SAME_STATE, text) for event, text in MILESTONES_V3.items()),
    ),
)


def rta_is_status(state: str, suspended_from: str | None = None) -> str | None:
    return TRADE_AGREEMENT_V2.rta_status(state, suspended_from)
