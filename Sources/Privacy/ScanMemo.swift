/// Scan results kept between exports (issue 20). A text's findings depend only
/// on the text, the scanner's rules and name lists, and the session's names and
/// accepted terms, so an export keeps them in the session file and the next
/// export reads them instead of scanning again. This file says what a kept scan
/// holds and what it is valid for; SessionStore keeps the rows, Exporters
/// checks them (a row whose check fails is scanned again, never trusted).
/// A kept scan holds labels and offsets only, never the identifier's text.
import Foundation
import SessionModel

/// What one scan of a text found: its findings, and its special-category
/// mentions when the implicit-identification check needed them.
public struct TextScan: Equatable, Sendable {
    public var findings: [Finding]
    /// Nil when they were never asked for (the check looks only when a rare role names no place).
    public var special: [Finding]?

    public init(findings: [Finding], special: [Finding]? = nil) {
        self.findings = findings
        self.special = special
    }

    /// Labels, offsets and confidence; the text of each finding is read back from the contribution's text.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [1] // layout version
        func put(_ findings: [Finding]) {
            Self.putVarint(findings.count, &out)
            for f in findings {
                let label = Array(f.label.rawValue.utf8)
                out.append(UInt8(label.count))
                out += label
                Self.putVarint(f.span.start, &out)
                Self.putVarint(f.span.end - f.span.start, &out)
                out.append(f.confidence == .likely ? 0 : 1)
            }
        }
        put(findings)
        if let special {
            out.append(1)
            put(special)
        } else {
            out.append(0)
        }
        return out
    }

    /// The scan `bytes` encode for `text`, or nil when they are not a well-formed scan of a text this long.
    public init?(encoded bytes: some Collection<UInt8>, text: String) {
        let b = Array(bytes)
        var at = 0
        // The text's scalars are made only for a list with findings (most texts have none; making them for every
        // text was most of reading a kept scan).
        var madeScalars: [Unicode.Scalar]?
        func textScalars() -> [Unicode.Scalar] {
            if let madeScalars { return madeScalars }
            let made = Array(text.unicodeScalars)
            madeScalars = made
            return made
        }
        func byte() -> UInt8? {
            guard at < b.count else { return nil }
            defer { at += 1 }
            return b[at]
        }
        func varint() -> Int? {
            var value = 0
            var shift = 0
            while let x = byte() {
                value |= Int(x & 0x7F) << shift
                if x < 0x80 { return value }
                shift += 7
                if shift > 35 { return nil }
            }
            return nil
        }
        func list() -> [Finding]? {
            guard let n = varint() else { return nil }
            if n == 0 { return [] }
            let scalars = textScalars()
            guard n <= scalars.count else { return nil }
            var found: [Finding] = []
            for _ in 0..<n {
                guard let length = byte().map(Int.init), at + length <= b.count,
                    let label = IdentifierLabel(rawValue: String(decoding: b[at..<(at + length)], as: UTF8.self))
                else { return nil }
                at += length
                guard let start = varint(), let count = varint(), count > 0, start + count <= scalars.count,
                    let confidence = byte(), confidence <= 1
                else { return nil }
                found.append(
                    Finding(
                        label: label, span: TextSpan(start: start, end: start + count),
                        text: String(String.UnicodeScalarView(scalars[start..<(start + count)])),
                        confidence: confidence == 0 ? .likely : .possible))
            }
            return found
        }
        guard byte() == 1, let findings = list(), let flag = byte() else { return nil }
        var special: [Finding]?
        if flag == 1 {
            guard let s = list() else { return nil }
            special = s
        } else if flag != 0 {
            return nil
        }
        guard at == b.count else { return nil }
        self.init(findings: findings, special: special)
    }

    static func putVarint(_ value: Int, _ out: inout [UInt8]) {
        var v = UInt(max(0, value))
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}

/// One kept scan as the store holds it: the contribution's number, the check
/// (a hash over the scanner's identity, the text and the scan, made and tested
/// by the reader) and the encoded `TextScan`.
public struct StoredScan: Equatable, Sendable {
    public var number: Int
    public var check: [UInt8]
    public var scan: [UInt8]
    public init(number: Int, check: [UInt8], scan: [UInt8]) {
        self.number = number
        self.check = check
        self.scan = scan
    }
}

extension IdentifierScanner {
    /// Bump when a recogniser changes what it finds in a way the probe texts
    /// below might not show (the probe and the name lists' hash catch most changes by themselves).
    /// 2: the session-5 recall rules (recall branch, merged after the kept scans landed).
    /// 3: a participant code before a team's initials (P3 EDT) is no plate without a cue.
    /// 4: handles and e-mail addresses said aloud with "underscore" or a two-word number ("eighty-seven").
    /// 5: session 6's numbers, ages and places (NHS numbers in every shape, one normaliser for numbers said aloud,
    ///    shorthand ages, prisons whole, inquiry towns quiet).
    /// 6: people in shorthand (a note opened by a name nobody listed), names spelled out, a name found again in the
    /// same text; more name lists.
    /// 7: National Insurance numbers in every typed shape, more age shapes, lower-case faith and Welsh schools.
    /// 8: ages after a bracketed note or a hyphenated name, places set off after an age in notes, codes spelled
    ///    after an address or as a correction.
    /// 9: people opening lines and lists, blind5's shorthand shapes, a first name before a found surname.
    /// 10: session 7's ages and numbers (`ages` branch: an adult's age after a relation, ages closed by a dash or
    ///     arrow, ordinal birthdays, spoken years, NI numbers said apart).
    /// 11: the ages work's last change (main).
    /// 12: session 7's people and places (names in capitals, surnames where a name stands or opening a note, words
    ///     on no list after "with/for/met", places beside places, a town's people, comprehensives).
    /// 13: session 8's notes read as fields (`fields` branch: bare ages and name-age pairs as fields, places in
    ///     later fields and by their shape, possessives without an apostrophe, birth dates handed on by "is").
    /// 14: the trained sequence labeller's spans beside the rules' findings (SequenceLabeller.swift); its weights'
    ///     hash is part of the identity too.
    /// 15: session 9's labeller retrained on all twelve development corpora (`labeller2`).
    /// 16: session 9's places (`places5`: GeoNames' towns and villages in places.txt, addresses said or in lower case,
    ///     one-word streets, places in lists, lower-case local organisations).
    /// 17: session 9's ages in every shape (`ages5`: AgeCatalogueTests) and e-mail addresses, Northern Irish plates,
    ///     case systems and bank numbers in more of the ways they are written and said.
    /// 18: session 9's people by rules (`people5`, AliasRecognisers.swift: aliases after a cue in any case, short
    ///     names where only a person stands, names in file names, restarts, nickname lists, family shorthand).
    /// 19: session 9's second ages change (`ages5`: babies' ages, answers to "how old", guesses, hesitations).
    /// 20: the labeller's features read cues three tokens back and lines typed in lower case, retrained on the
    ///     twelve corpora with every rule of session 9 (`labeller2`).
    /// 21: an age after a found name, a comma and "then"/"now" ("Kayleigh Doherty, then 14, went missing").
    /// 22: session 10's structured identifiers (`structured6`: outward codes in lists, birth dates a record gives
    ///     away, plates in the phonetic alphabet or spaced inside, sort codes after "sort", NHS numbers from 0 after
    ///     their cue, spaced mail hosts said aloud, gaming tags, addresses of a user's profile).
    /// 23: session 10's people in told stories (`stories`, StoryRecognisers.swift: initials where a person stands,
    ///     names with digits for letters, misspelt names, names in capitals set off in brackets).
    /// 24: ages in told stories and pasted records (`ages6`: "by 15 he was dealing", "the older one, 17,", "and was
    ///     only 14", "14 (DOB …)", "Kayden Morris, 14, Luton", an age beside a name only the labeller found).
    /// 25: places and local organisations named short (`places6`, LocalNames.swift).
    /// 26: the labeller retrained on sixteen corpora; "from the age of 16 you can…" and "the Grace of it" quiet.
    /// 27–29: session 11's people, ages and organisations (`people7`, `orgs7`).
    /// 30: a house number before a building's name and a place is an address (`orgs7`, second landing).
    /// 31: session 11's structured identifiers (`structured7`: letters said by name, a system's letters and a number
    ///     said aloud, outward codes in lower case with a spoken district, part plates, corrected and dotted handles);
    ///     the labeller retrained with people7's given names; "the age of X is 10" and "(13 vs 16)" quiet for it too.
    /// 32: a rough age set off beside a found name ("Rhodri, fifteen-ish,", "Tyler (15ish)").
    /// 33: values said again (ValuesSaidAgain.swift: an age corrected or moved on in time, log numbers listed or read
    ///     out in groups, a second handle in the same breath).
    /// 34: session 12's organisations called short (`orgs8`: a short name said again in the line, "St Joseph's RC",
    ///     "Hull Royal", "a drop in called the hub"; the session memory keeps everyday-word short names and initials).
    /// 35–37: session 13's organisations where young people gather (`orgs9`: a name on no list after "at", hotels and
    ///     places of worship by their head, a heading's list of organisations, heads and places written short,
    ///     place-shaped words and given names after "in" called places; the memory's unlisted organisation words).
    /// 38 (after main's 35–37 from `orgs9`): session 13's people by initials in shorthand and ages in speech
    ///     (`people8`, InitialsInShorthand.swift and AgesInSpeech.swift: "QV 15 MFH x2", "bros B 12 Y 9", "Dale Orrin,
    ///     forty-one,", "Sixteen, yeah, …", "Remy, eighteen months", "Mo's 16?", "we only know as Slim").
    /// 39: session 13's structured identifiers said aloud, split or typed short (`structured8`: outward codes alone
    ///     with a cue, sectors, spoken and spaced postcodes, NI numbers and plates, Merlin/CRIS references, corrected
    ///     log numbers, sort code and account, a corrected birth date; no plate from a note's abbreviation).
    /// 40: a heading's list of organisations ends where a remark starts (a spaced dash, an item that is no name), so a
    ///     person named after it is not taken for one of them (found in the last look at the console).
    /// 41: session 14's places (`places10`): Welsh, Scots and Irish place openings and more place endings, a word on no
    ///     list beside a place in a list, landmarks before a stop or a car park, a big city after a local
    ///     organisation, towns abbreviated in notes; practice words (Fac, YW, AA, CRIS, nain) not taken for people.
    /// 42: session 14's case headings by initials ("CASE 2 - R W-H 16 -", "Mrs F. Begum 17 +", "-> O P-H 11 Solihull")
    ///     and the session memory keeping a place a place when an organisation's short name is said as one ("22
    ///     Ferndale Avenue, Beckfield, BD7 4LR", "in Beckfield", "Beckfield -> Netherton").
    /// 43: session 14's local bodies (`orgs10`, LocalBodies.swift): the secure estate by its own name, a town's
    ///     hospital named short ("Royal Preston", "Wigan General"), a short name in quotes after its organisation,
    ///     a place's services and courts ("Wigan CSC", "Wigan custody"), Welsh heads ("Cyngor Ceredigion"), a saint's
    ///     possessive in lower case ("at st cuthberts"). Police Scotland and the PSNI stay quiet (docs/privacy.md).
    /// 44: the other names given with an alias ("known as Big Mo / Mo", "aka Trigger or T"); the memory hunts a
    ///     two-letter nickname ("Big Mo") whole in any case and its letters alone where they stand as a name.
    /// 45: session 15's health settings (`health11`): hospital numbers after their cue ("hosp no RX4 558213") and a
    ///     capital and seven digits alone, wards, suites, clinics, pharmacies and GP groups by their heads ("Puffin
    ///     Ward", "Ward 48"), small places by a prefix word ("Port Carrow"), places before a coastal landmark
    ///     ("Newlyn harbour"); the memory keeps a word the session said as a place a place.
    /// 46: session 15's ages beside roles, children's ages given together, corrected ages, an age beside a date of
    ///     birth with no cue; a dotted date no phone; outward codes after a found place or beside a code of their area.
    /// 47: places of worship and community bodies taken for people made the organisation ("St Oswin's Methodist",
    ///     "Shiloh Fire Ministries"); a lower-case kind of body or a youth movement is no person.
    /// 48: session 15's online names (`online11`): handles with no cue (dotted, run-together with digits, said with
    ///     "dot" in quotes, quoted after a platform), dotted initials as a person, two-letter names and initials hunted
    ///     in lower case, "seventy-odd", "in s1" as a session, fostering agencies by their own word, case headings
    ///     after a comma.
    /// 49: a participant's code ("P14", "P14 school") is never a name, nor remembered; schools' acronyms (CME, EHE,
    ///     PEx) are no initials; record systems (CPOMS, MyConcern, Mosaic) no names.
    /// 50: adult services and providers by their heads ("Calderdale Leaving Care", "Brookfield Supported Living",
    ///     "Aire Valley Travel"); a person's own service, school or team ("Connor's YJS", "P13's team") no body;
    ///     uniformed groups by their number ("14th Huddersfield Scouts"), clubs by team words ("… Wanderers"); an age
    ///     qualified in brackets ("Jaylen (nearly 15)"); more big places (Fife, Derry); the labeller on 30 corpora.
    /// 51: session 16's schools' talk (`schools12`; main took 50 meanwhile): a practice's abbreviation in capitals
    ///     no person ("EHE", "PEx"); outward codes set against each other ("B30 vs B29"), after a spaced "@", as a
    ///     note's field after an age or questioned; ten digits from 07 in the NHS's groups an NHS number, no Northern
    ///     Irish plate before more groups; a record's second reading of one birth date; "Prim", "base", a youth hub,
    ///     a 0-19 team as heads; a school's short name remembered after a Welsh head, with a hyphen, a school's kind
    ///     or a place's word; schools' software no names.
    /// 52: session 16's ages and dates of birth in accounts (`traffic12`; merged after 50 and 51): a whole date years
    ///     back is a date of birth with no cue; ages claimed, recorded or corrected beside another, the youngest's, "at
    ///     fifteen", an answer.
    /// 53: session 17's places standing for their council ("Southwark put him", "Kirklees IFA", "placed by
    ///     Hampshire") an organisation; local authorities' multi-word names ("Blackburn with Darwen") on the towns;
    ///     an organisation and the town in its name one ("Harris Academy Peckham"); a place on a word on no list
    ///     that a labelled person run covers exactly the person; a case line's outward code after its person or age
    ///     ("Zain 18 B10"); a nickname set equal to a person ("SPIDER = L Cawthorne 23"); a big city where a child was
    ///     found, "the Dundee lad", a journey from a city, a B&B in one; a police station by its street or its own
    ///     word ("Strand Road station", "Elland Rd nick"); a provider named after its kind ("provider Mersey
    ///     Horizons"); the labeller on 34 corpora.
    /// 54: session 17's clubs and local bodies named their own way (`clubs13`, merged after 53): a place and a
    ///     plural team word, a sport's short head ("Iron Lions MMA"), a place's LADO or social care; outward codes
    ///     after an activity or a place and a comma; cash tags and camel-case handles; "log, 4521"; an age said of
    ///     anyone that age ("a 17 year old can't…") no age.
    /// 55: session 17's asylum talk (`asylum13`, merged after 54): numbers from abroad in the E.164 shape, written
    ///     and said; an NI number with NK, KN, TN or NT before its suffix; ages an assessment, a court or an
    ///     authority gives; Merton as its judgment; peoples and languages, messaging apps and the schemes' acronyms
    ///     no names; a hotel named by its street is the street; a person's school ("hiwa school = …") no school's
    ///     name, in the session memory neither.
    /// 56: session 17's hospitals and wards (`wards13`, merged after 55): infirmary and ambulance initials, a
    ///     hospital before its A&E, "X and District", ward codes and lists, "Ward 3D", "Batley Grammar" and J&I
    ///     heads; quiet: day plurals, everyday plurals, eponyms ("Gillick", "the Philomena protocol").
    /// 57: session 18's places as bodies: a place as the subject of a plural verb ("Merseyside are good on this"), a
    ///     council's verbs after a place in lower case on no name list ("gwent never came back"); police areas and
    ///     Welsh names of places on the lists; "Sunday School" a head; the labeller on 36 corpora; a provider after
    ///     "run by" or "placement with" ("Horizon Care") and the home named before it; "X residential unit"; "Tŷ
    ///     Coch"; a council's missing, exploitation and leaving-care teams; an outward code after an address's flat
    ///     or house number ("flat 2, LS9"), after a big city ("Sheffield S5"), after "moved to" in lower case; inns
    ///     by their name ("the Crown Inn"); ages given together after "are" or "who are" and in lists of three or
    ///     more, "is he 11 or 12 now?"; a number before "per cent" no age; a person on words no name list holds
    ///     after "via" or a journey's verb and its preposition the place ("arrived via Calais").
    public static let rulesVersion = 57

    /// Everything a scan's result depends on besides the text: the rules (their
    /// version, the name lists' hash, what they find in the probe texts) and this
    /// scanner's session names and accepted terms. Held in memory only; what is
    /// stored is a hash over it together with the text.
    public var identity: [UInt8] {
        var out = Self.rulesIdentity
        func put(_ s: String) {
            TextScan.putVarint(s.utf8.count, &out)
            out += Array(s.utf8)
        }
        put("labeller \(labeller?.contentHash ?? 0)")
        put("names")
        for key in sessionNames.keys.sorted() {
            put(key)
            for name in sessionNames[key] ?? [] { put(name.joined(separator: "\u{1F}")) }
        }
        put("word-like")
        for part in wordLikeParts.sorted() { put(part) }
        put("accepted")
        for key in acceptedTerms.keys.sorted() {
            put(key)
            for (keys, label) in acceptedTerms[key] ?? [] {
                put(keys.joined(separator: "\u{1F}") + "=" + label.rawValue)
            }
        }
        return out
    }

    /// The rules' part of `identity`, worked out once per process.
    static let rulesIdentity: [UInt8] = {
        var out = Array("convene-scan-rules \(rulesVersion) lists \(Gazetteer.shared.contentHash)\n".utf8)
        let probe = IdentifierScanner()
        for text in probeTexts {
            out += TextScan(findings: probe.scan(text), special: probe.specialCategories(text)).encoded()
            out.append(0x0A)
        }
        return out
    }()

    /// Texts with an identifier of every kind: a change to any recogniser shows in what they find.
    static let probeTexts: [String] = [
        "Ring Dana Whitfield on 07700 900123 or 0161 496 0999, she lives at 14 Harrow Lane, Leeds LS6 2AB.",
        "Her NHS number is 943 476 5919 and NI number QQ 12 34 56 C; date of birth 03/04/2009, she is 15.",
        "Email kyle.b@example.org or @kyleb_99 on Snapchat, see https://example.com/x from 192.0.2.14.",
        "Sort code 20-00-00 account 12345678; the car was AB12 CDE; case ref CR-2024-00917 at Northgate Academy.",
        "The lad from Hartlepool met Jayden and Mo at St Anne's Primary in Milton Keynes near the Beck estate.",
        "A Muslim girl with epilepsy, a trade union rep, a Black British lad, and a gay teacher from Wigan.",
        "Grace will grace us; Will said Amber was amber; mum's new partner Tyrell took Kacey-Leigh to Blackpool.",
        "He's fourteen, year 9, lives with nan in Toxteth, goes to Park View School; call oh seven seven double oh.",
        "Spoke to Detective Sergeant Okafor and Dr Priya Raman at Leeds General Infirmary on 12 March 2024.",
        "Said nine four three, four seven six, five nine one nine; lad approx 19 seen nr cromwell rd; dad in HMP Leeds.",
        "Nothing identifying here: we talked about thresholds, supervision and multi-agency meetings.",
        "rojda 14 & sister - older bro; Kemi Obi, K-E-M-I, can you ping Kemi? pc llewellyn came.",
        "older male known as biscuit; thx mo; it's pemberton_review_notes.docx; Rook / Jinxy / Big Man Dee",
        "excluded from Ridgeway, then St Bede's; at the Grange; School: Hallowfield; lives up Moorside; WIGAN YOT",
        "the E5 and E8 girls; Vale,Tia,2010-02-11,14; reg whisky kilo one eight, x-ray romeo lima; sort is 40 47 11;"
            + " zed#2231 at web.example.net/users/zed99",
        "K's mum said J was moved; A.O. 13 (MARCIA); Popescu, not \"Popesku\"; Shann0n; Mrs A; JT was sixteen.",
        "by 15 he was dealing; the older one, 17, drove; she moved in and was only 14; Kayden Morris, 14, Luton",
        "from the age of 16 you can consent, the Grace of it all; from the age of 11 she was in care",
        "the age of criminal responsibility is 10; thresholds by age (13 vs 16)",
        "her cousin Rhodri, fifteen-ish, goes there; Tyler (15ish) too; Rhodri, 15ish minutes late",
        "aunt on +33 7 98 76 54 31; NI NK 12 34 56 A; assessed as 17, agreed; the Merton; spoke Dari; on Zalo",
        "em kay four three tee aitch; plate gkr 391t; the bd five end; 30-92-14, 47719203; D-P twenty five oh oh three"
            + " one four; kai_x7 not kai7; kaycee.xo; reg partial YT68…",
        "Ty (14) - RHIs -> PRU; mrs q said jordans other profile, idris was 12 or 13, real name believed to be Ali",
        "at Church Street Surgery, then moreton community school; found Kirkton, Dundee; her school was All Souls"
            + " Heywood; PRU = bright futures learning centre; devon & cornwall police",
        "R.V. -> Hull; Kieran \"K-Dog\" 15; the quarshie famly; that made her fifteen; he's, what, seventeen now?",
        "Address 12 Hartley Centre, Bolton BL1 4AB; Kayleigh 15 Hartley Centre, Bolton",
        "thirteen then, no sorry fourteen, sixteen by court; logs 2207, 2299; log 13 22 47; kai.b2 then kai_b.x2",
        "at St Joseph's RC; midwife at Hull Royal; a drop in called the hub; Thistle Academy, then just the Thistle",
        "sibs: QV 11, ZR 2/3; bros B 12 Y 9; mum GL, TX 16 (17 in Jun); KV 15 MFH x2;"
            + " Dale Orrin, forty-one, known; Sorry, thirteen or fourteen? baby Remy 18m; the assessment said"
            + " sixteen to seventeen; Hang on, Mo's 16?",
        "covers S2 and S4; in s4 tbh; near M5 junctions; el thirty two; n r five nine oh three one four c; NK 14 MFH x3",
        "we had yd17kxr; the Merlin was 24MIS019933; log was 0491 not 0419; acc 40-11-62 / 71408833; PR1 6 area",
        "they're all in em fourteen; WF thirteen four HQ; DOB 3rd May 2009 but the GP said 05/03/2009",
    ]
}

/// Scans to keep, held compactly (one buffer, not two arrays a contribution):
/// a first export of a long session collects one per contribution.
public struct ScanBatch: Sendable {
    public private(set) var numbers: [Int] = []
    private var bytes: [UInt8] = []
    /// Where each scan's check and scan end in `bytes`, and where its check ends.
    private var bounds: [(checkEnd: Int, end: Int)] = []

    public init() {}

    public var count: Int { numbers.count }

    public mutating func append(_ s: StoredScan) {
        numbers.append(s.number)
        bytes += s.check
        let checkEnd = bytes.count
        bytes += s.scan
        bounds.append((checkEnd, bytes.count))
    }

    public mutating func append(contentsOf other: ScanBatch) {
        for k in 0..<other.count { append(other[k]) }
    }

    public subscript(k: Int) -> StoredScan {
        let start = k == 0 ? 0 : bounds[k - 1].end
        return StoredScan(
            number: numbers[k], check: Array(bytes[start..<bounds[k].checkEnd]),
            scan: Array(bytes[bounds[k].checkEnd..<bounds[k].end]))
    }
}
