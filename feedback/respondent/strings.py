"""The words on respondent pages: each text's key and its English, the source of the translations.

Templates ask for a text by key (``t('next')``); its translation comes from the language's gettext
catalog (:mod:`surveys.catalog`, context ``respondent:<key>``), and English where a catalog lacks it.
Question-type words (scale labels, validation messages) live in :mod:`surveys.i18n`.
"""

from __future__ import annotations

import re
from typing import Any

from surveys import catalog
from surveys.i18n import direction

STRINGS: dict[str, str] = {
    "skip_link": "Skip to main content",
    "language": "Language",
    "site_name": "Chorus",
    "home_title": "Have your say",
    "home_intro": "Local employers, colleges and community groups want to hear from you. Choose a survey to answer.",
    "home_empty": "There are no open surveys right now. Please check back later.",
    "start_button": "Start now",
    "privacy_heading": "Before you start",
    "privacy_anonymous": "You do not need to give your name. Your answers are anonymous unless you choose to give contact details.",
    "privacy_contact": "Near the end you can choose to give an email or phone number. We only keep it if you tick the box to agree.",
    "privacy_groups": "We share results only for groups big enough that no one can be picked out.",
    "privacy_skip": "You can skip any question unless it says “required”. You can stop at any time.",
    "privacy_agree": "By starting, you agree that we use your answers to improve local jobs and training.",
    "continue_heading": "Already started?",
    "continue_link": "Continue with a resume code",
    "continue_here": "Continue your answers",
    "in_progress": "You have already started this survey on this device. The answers you gave so far are saved.",
    "restart_heading": "Start again",
    "restart_body": "Starting again gives you an empty survey. The answers you gave so far will not be sent.",
    "restart_button": "Start again",
    "step": "Step {n} of {total}",
    "step_up_to": "Step {n} of up to {total}",
    "required": "(required)",
    "next": "Continue",
    "check_again": "We kept your answers. Check the page below, then press “Continue”.",
    "back": "Back",
    "submit": "Send my answers",
    "save": "Save and finish later",
    "error_summary": "There is a problem",
    "error_prefix": "Error:",
    "thanks_title": "Thank you",
    "thanks_body": "We have your answers. They help local partners plan jobs, training and services.",
    "thanks_again": "You can close this page now.",
    "saved_title": "Your answers are saved",
    "saved_code_label": "Your resume code is",
    "saved_body": "Write the code down or keep the link below. Use it to finish the survey later, on any device.",
    "saved_link_label": "Link to continue",
    "saved_continue": "Continue now",
    "resume_title": "Continue your answers",
    "resume_label": "Resume code",
    "resume_hint": "8 letters and numbers, for example ABCD-EFGH",
    "resume_button": "Continue",
    "resume_not_found": "We could not find that code. Check it and try again",
    "closed_title": "This survey is closed",
    "closed_body": "Thank you for your interest. This survey is not taking answers right now.",
    "unknown_title": "We cannot find this survey",
    "unknown_body": "Check the link or the code you were given. The survey may have moved or ended.",
    "home_link": "See open surveys",
    "error_404_title": "Page not found",
    "error_404_body": "Check the address. If you typed it, make sure it is right.",
    "error_429_title": "Too many tries",
    "error_429_body": "Many answers came from this connection in a short time. Wait a minute, then try again.",
    "error_400_title": "Your page timed out",
    "error_400_body": "Go back, reload the page and try again. Your saved answers are kept.",
    "error_other_title": "Sorry, something went wrong",
    "error_other_body": "Please try again in a few minutes.",
    "try_again_title": "We could not save this just now",
    "try_again_body": "Our system is busy for a moment. Nothing you did caused this.",
    "try_again_kept_note": "What you typed is kept on this page: wait a few seconds, then press “Try again”.",
    "try_again_go_back": "Wait a few seconds, then go back and send it again: your browser usually keeps what you typed.",
    "try_again_kept": "What you sent",
    "try_again_button": "Try again",
    "audience_employer": "For employers",
    "audience_career_seeker": "For people looking for work or training",
    "audience_learner": "For students and trainees",
    "audience_incumbent_worker": "For people already working in the industry",
    "audience_community": "For community members",
    "survey_by": "A survey by {partnership}",
    "privacy_idle": "If you stop for {minutes} minutes without saving, your answers are cleared from this device.",
    "not_in_language": "This survey is not available in {asked}. It is shown in {shown}.",
    "expired": "Answers that were not sent or saved were cleared from this device after {minutes} minutes without activity, so the next person cannot see them. Please start again.",
    "thanks_next": "What happens next",
    "thanks_read": "Staff of {partnership} read your answers together with everyone else’s.",
    "thanks_no_name": "No name is attached to your answers.",
    "thanks_contact": "No name is attached to your answers. If you gave contact details, they are kept apart and used only to contact you.",
    "thanks_shared": "{partnership} shares back what it learns and what it does about it, only for groups big enough that no one can be picked out.",
    "thanks_public_link": "See what {partnership} heard and what it is doing",
    "resume_sent_title": "These answers were already sent",
    "resume_sent_body": "The answers saved with this code have been sent. Thank you: there is nothing more to do.",
    "contact_keep": "Keep the contact details I gave before",
    "contact_keep_hint": "The contact details you gave before are kept but not shown here, so no one else using this device can see them. To change them, type new ones below. To remove them, untick the box below.",
}


def text(language: str, key: str, **params: object) -> str:
    """The page text ``key`` in ``language`` (English when not translated), with ``params`` filled in."""
    value = catalog.gettext(language, "respondent", key, STRINGS[key])
    return value.format(**params) if params else value


_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def isolated(language: str, params: dict[str, Any]) -> dict[str, Any]:
    """Names put into a sentence (a partnership's), each kept in its own direction: on a right-to-left
    page, or when the name itself is right to left, a text is wrapped in FIRST STRONG ISOLATE … POP
    DIRECTIONAL ISOLATE (the plain-text ``<bdi>``), so "Valley Care 2" in Arabic stays "Valley Care 2"
    and an Arabic name in English keeps the full stop after it."""
    rtl_page = direction(language) == "rtl"
    return {name: f"\u2068{value}\u2069" if isinstance(value, str) and (rtl_page or _RTL_LETTER.search(value))
            else value for name, value in params.items()}
