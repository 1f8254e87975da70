"""The dashboard's forms, validated with WTForms (CSRF is checked for every POST by flask_wtf.CSRFProtect).

Each form's first error is what the counselor sees, so the messages are written for them.
"""

from __future__ import annotations

from flask import request
from wtforms import Form, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from helpline.channels.base import MAX_BODY_CHARS

MAX_NOTE_CHARS = 4000


def _normalized(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


class _Form(Form):  # type: ignore[misc]  # wtforms ships no type information: Form is Any to mypy
    def first_error(self) -> str:
        for errors in self.errors.values():
            if errors:
                return str(errors[0])
        return "Check the form."


class ReplyForm(_Form):
    body = TextAreaField(filters=[_normalized], validators=[DataRequired("Write a reply first.")])

    def validate_body(self, field: TextAreaField) -> None:
        if len(field.data) > MAX_BODY_CHARS:
            raise ValidationError(
                f"A reply can be at most {MAX_BODY_CHARS} characters; this one has {len(field.data)}."
            )


class PhraseForm(_Form):
    key = StringField()
    body = TextAreaField(filters=[_normalized])  # the phrase as the counselor edited it; blank: as reviewed

    def validate_body(self, field: TextAreaField) -> None:
        if len(field.data) > MAX_BODY_CHARS:
            raise ValidationError(
                f"A message can be at most {MAX_BODY_CHARS} characters; this one has {len(field.data)}."
            )


class NoteForm(_Form):
    body = TextAreaField(
        filters=[_normalized],
        validators=[
            DataRequired(f"A note needs 1 to {MAX_NOTE_CHARS} characters."),
            Length(max=MAX_NOTE_CHARS, message=f"A note needs 1 to {MAX_NOTE_CHARS} characters."),
        ],
    )


class TransferForm(_Form):
    to = StringField(filters=[lambda value: (value or "").strip()])  # blank: back to the queue
    origin = HiddenField(name="from")  # "overview" when sent from the overview page


class CloseForm(_Form):
    outcome = StringField()  # checked against the configured outcomes by Conversations.close


class DismissForm(_Form):
    outcome = StringField()  # why a stale emergency leaves the queue, from the configured outcomes


def posted(form_class: type[_Form]) -> _Form:
    form = form_class(request.form)
    form.validate()
    return form
