"""The closed vocabularies of the domain: record, mention, entity and link kinds."""

from __future__ import annotations

from enum import StrEnum


class RecordKind(StrEnum):
    AD = "ad"
    CASE_REPORT = "case_report"
    BOOKING = "booking"
    CALL = "call"
    MISSING_REPORT = "missing_report"
    EVENT = "event"


class MentionKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    ACCOUNT = "account"
    PERSON = "person"
    PLACE = "place"
    IMAGE = "image"
    VEHICLE = "vehicle"
    CASE = "case"
    HOTEL = "hotel"
    UPI = "upi"  # a UPI payment address, `name@bank`
    IMEI = "imei"  # a handset, 15 digits with a valid Luhn check digit
    SECTION = "section"  # a section of law, `BNS 143(4)`
    COUNT = "count"  # how many were rescued, arrested, minors: `rescued:9`
    MONEY = "money"  # an amount in rupees
    DATE = "date"  # a calendar date, ISO 8601
    PLATFORM = "platform"  # a platform named in the text (WhatsApp, X, ...)
    INDICATOR = "indicator"  # a weak trafficking indicator, with the phrase that shows it


class EntityKind(StrEnum):
    PERSON = "person"
    PHONE = "phone"
    EMAIL = "email"
    ACCOUNT = "account"
    URL = "url"
    PLACE = "place"
    IMAGE = "image"
    VEHICLE = "vehicle"
    CASE = "case"
    HOTEL = "hotel"
    UPI = "upi"
    IMEI = "imei"
    TEMPLATE = "template"  # an ad template: near-duplicate ad texts of one author


class LinkKind(StrEnum):
    """How two graph nodes are joined; the evidence is always one or more records."""

    MENTIONS = "mentions"  # a record names an identifier (phone, e-mail, account, url)
    CONTACT = "contact"  # a record gives an identifier as the way to reach someone
    CALLED = "called"  # phone to phone, from call detail records
    MESSAGED = "messaged"  # phone to phone, SMS rows of call detail records
    BOOKED_AT = "booked_at"  # booking to hotel
    REPORT_OF = "report_of"  # case report to its case
    SHOWS_IMAGE = "shows_image"  # record carries this image
    NAMES = "names"  # a record names a person in passing (an official, a witness)
    GUEST = "guest"  # a booking names its guest or payer
    ACCUSES = "accuses"  # a case report names a person as accused or arrested
    RESCUES = "rescues"  # a case report names a person as victim or rescued
    REPORTS_MISSING = "reports_missing"  # a missing-person report names who is missing
    SAME_IMAGE = "same_image"  # image to image: one photo, resized, cropped or re-encoded
    USES_TEMPLATE = "uses_template"  # ad to the template its text follows


# Identifier-like entity kinds: one normalised value is one entity, with no judgement needed.
IDENTIFIER_KINDS: frozenset[str] = frozenset(
    {EntityKind.PHONE, EntityKind.EMAIL, EntityKind.ACCOUNT, EntityKind.URL, EntityKind.VEHICLE,
     EntityKind.UPI, EntityKind.IMEI}
)
