"""Matching columns: which column holds what, from the headings chairs really write."""

from __future__ import annotations

from app.imports.cells import clean
from app.imports.values import Table, word_set
from app.words import collation_key, column_letters

_HEADINGS = {
    "first_name": word_set("firstname firstnames forename forenames givenname givennames christianname first"),
    "surname": word_set("surname lastname familyname secondname last"),
    "name": word_set("name fullname membername nameofmember tenantname residentname"),
    "flat": word_set("flat flatno flatnumber flatposition"),
    "address": word_set("address streetaddress address1 addressline1 homeaddress street"),
    "address2": word_set("address2 addressline2 streetaddress2"),
    "address3": word_set("address3 addressline3 streetaddress3"),
    "town": word_set("town city towncity"),
    "postcode": word_set("postcode postalcode zipcode"),
    "phone": word_set(
        "phone tel telephone phonenumber phoneno telno telephonenumber telephoneno "
        "mobile mobilenumber mobileno mob contactnumber landline"
    ),
    "email": word_set("email emailaddress emailaddr"),
    "contact_consent": word_set(
        "happytobecontacted consent contactconsent consenttocontact oktocontact okaytocontact "
        "cancontact emailconsent gdprconsent gdpr"
    ),
    "joined": word_set("joined datejoined membersince joiningdate dateofjoining joindate memberfrom"),
    "role": word_set("role position office officebearer committeerole postheld"),
    "birth_year": word_set("yearofbirth born dateofbirth dob birthyear birthdate yob"),
    "notes": word_set("notes note comments comment remarks"),
}
_HEADING_FIELDS = {key: name for name, keys in _HEADINGS.items() for key in keys}
# Longer wordings such as "Phone (mobile)" or "Date joined (dd/mm/yyyy)" start with a known one;
# short words ("name", "tel") must match whole, or "Name of landlord" would be a member's name.
_HEADING_PREFIXES = sorted((key for key in _HEADING_FIELDS if len(key) >= 5), key=len, reverse=True)


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Field name -> column index, from headings in any order, case and punctuation."""
    mapping: dict[str, int] = {}
    for exact in (True, False):
        for index, heading in enumerate(headers):
            found = _HEADING_FIELDS.get(_heading_key(heading)) if exact else field_for(heading)
            if found and found not in mapping and index not in mapping.values():
                mapping[found] = index
    if "name" in mapping and "surname" in mapping and "first_name" not in mapping:
        mapping["first_name"] = mapping.pop("name")  # "Name" beside "Surname" is the first name
    return mapping


def field_for(heading: str) -> str | None:
    key = _heading_key(heading)
    if key in _HEADING_FIELDS:
        return _HEADING_FIELDS[key]
    return next((_HEADING_FIELDS[p] for p in _HEADING_PREFIXES if key.startswith(p)), None)


def _heading_key(heading: str) -> str:
    return collation_key(str(heading))


def ignored_columns(table: Table, mapping: dict[str, int]) -> list[str]:
    """Columns the import leaves out, named as the chair sees them, unless they are empty."""
    used = set(mapping.values())
    return [
        heading or f"column {column_letters(index)} (no heading)"
        for index, heading in enumerate(table.headers)
        if index not in used and (heading or any(clean(cells[index]) for _, cells in table.rows))
    ]
