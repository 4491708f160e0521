#!/usr/bin/env python3
"""Writes the two Teams .docx transcript fixtures (invented text) in the shapes
Teams has used: speaker and time, then the words (2022 on); and cue time,
speaker, words (2021). Run from this folder: python3 make-teams-docx.py"""
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')

def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)

def paragraph(*parts):
    """Each part is a run; None is a line break inside the paragraph."""
    body = ''.join('<w:r><w:br/></w:r>' if p is None else run(p) for p in parts)
    return '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>%s</w:p>' % body

def document(paragraphs):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + ''.join(paragraphs) + '<w:sectPr/></w:body></w:document>')

def write(name, paragraphs):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo('[Content_Types].xml', (2024, 3, 14, 14, 0, 0))
        z.writestr(info, CONTENT_TYPES)
        z.writestr(zipfile.ZipInfo('_rels/.rels', (2024, 3, 14, 14, 0, 0)), RELS)
        z.writestr(zipfile.ZipInfo('word/document.xml', (2024, 3, 14, 14, 0, 0)), document(paragraphs))

# 2022 on: title, date, length, a notice, then "Name   m:ss" and the words.
write('teams-transcript-2023.docx', [
    paragraph('Focus group round two-20240314_140000-Meeting Recording'),
    paragraph('March 14, 2024, 2:00PM'),
    paragraph('42m 7s'),
    paragraph('Dr Morgan Hale   started transcription'),
    paragraph('Dr Morgan Hale   0:03', None, 'Welcome back. Today we look at information sharing.'),
    paragraph('Alex Rivera   0:12'),
    paragraph('The first barrier is consent. Families often say no at the start.'),
    paragraph('Alex Rivera   0:19'),
    paragraph('And then nothing moves for weeks.'),
    paragraph('Robin Ashby   0:27', None, 'Can I add one thing?'),
    paragraph('Sam Okafor   1:02', None, 'We meet at 10:30 on Tuesdays, and the note is: nobody minutes it.'),
    paragraph('Dr Morgan Hale   1:15:04', None, 'Thank you, that is a good place to stop.'),
    paragraph('Dr Morgan Hale   stopped transcription'),
])

# 2021: cue time, speaker (as "Surname, First"), words, each its own paragraph.
write('teams-transcript-2021.docx', [
    paragraph('0:0:0.0 --> 0:0:4.670'),
    paragraph('Hale, Morgan'),
    paragraph('Shall we begin with the case studies?'),
    paragraph('0:0:5.310 --> 0:0:9.120'),
    paragraph('Rivera, Alex'),
    paragraph('Yes, the first one is about a missing episode.'),
    paragraph('0:0:-6.-820 --> 0:0:10.0'),
    paragraph('Rivera, Alex'),
    paragraph('The police were called after two days.'),
    paragraph('0:0:11.5 --> 0:0:14.0'),
    paragraph('Okafor, Sam'),
    paragraph('Two days is typical, sadly.'),
])
