/// Hospitals, wards and ambulance services named the way A&E, ward and crisis staff name them (session 17,
/// `wards13`): an infirmary by its initials ("brought to LGI", "HRI W6"), a region's ambulance service by its
/// initials ("handovers from YAS"), a hospital by the department after its name ("been to Pinderfields A&E"), a
/// district hospital named short ("at Dewsbury and District"), a ward by its code after its hospital ("HRI W6") or
/// by a number and letter ("Ward 3D"), and a named ward beside another ("Rowan Ward + Kestrel Ward"). Runs after
/// the other cue rules, over their findings.
import Foundation
import SessionModel

extension ScanContext {
    mutating func findHospitalsAndWards() {
        findInfirmaryInitials()
        findHospitalsBeforeTheirDepartments()
        findDistrictHospitalsNamedShort()
        findWardCodesAfterTheirHospital()
    }

    /// Initials a Royal or General Infirmary goes by end so; "MRI" is a scan far more often than Manchester's.
    static let notInfirmaries: Set<String> = ["mri", "fgi"]
    /// The English ambulance services by their initials (a region's, so local as a force is: "YAS", "NWAS").
    static let ambulanceInitials: Set<String> = [
        "yas", "nwas", "neas", "emas", "wmas", "eeast", "scas", "secamb", "swasft", "wast",
    ]

    /// "brought to LGI", "CAMHS crisis: HRI W6", "same lad, BRI": three capitals ending "RI" or "GI" (a Royal or
    /// General Infirmary) are that hospital; a region's ambulance service by its initials likewise. Quiet: "MRI" (a
    /// scan), a reference's prefix ("CRI-24-009817"), in a shouted note.
    mutating func findInfirmaryInitials() {
        for i in tokens.indices where info[i].allCaps && info[i].kind == .word {
            let k = tokens[i].key
            let infirmary = k.count == 3 && (k.hasSuffix("ri") || k.hasSuffix("gi")) && !Self.notInfirmaries.contains(k)
            guard infirmary || Self.ambulanceInitials.contains(k), !quiet[i], !covered(i) else { continue }
            // "YAS Leeds East hub": the service's own unit named after it is the finding, not the service.
            if !infirmary, let n = tok(i + 1), n.kind == .word, n.capitalised { continue }
            if let n = at(i + 1), n.kind == .punct, !n.spaceBefore, n.isPunct("-/") { continue }
            if at(i - 1).map({ $0.kind == .punct && !$0.spaceBefore && $0.isPunct("-/") }) == true { continue }
            relabel(.organisationLocal, i, i)
        }
    }

    /// Token `i` opens a hospital's emergency department written short: "A&E" (three tokens) or "ED" in capitals.
    func emergencyDepartment(at i: Int) -> Bool {
        if info[i].allCaps { return tokens[i].key == "ed" || tokens[i].key == "ae" }
        return tokens[i].key == "a" && info[i].capitalised && key(i + 1) == "&" && key(i + 2) == "e"
            && at(i + 1)?.spaceBefore == false && at(i + 2)?.spaceBefore == false
    }

    /// "she'd been to Pinderfields A&E 3x", "P4 - Pinderfields A&E saw Destiny": a capitalised name on no list but the
    /// towns' (not a city, nation or person's given name) before a hospital's emergency department is the hospital.
    /// Quiet: "Leeds A&E" (a city's), "Sarah ED" (a name), "the ED" (no name), "ED" in lower case ("he ed").
    mutating func findHospitalsBeforeTheirDepartments() {
        for i in tokens.indices.dropFirst() where info[i].capitalised && emergencyDepartment(at: i) {
            guard !quiet[i] else { continue }
            let p = i - 1
            guard let t = tok(p), t.kind == .word, t.capitalised, !t.allCaps, t.length >= 4, !quiet[p],
                onNoList(p) || on(.town, p) && !on([.bigPlace, .given], p),
                !Vocab.countries.contains(t.key), !notAName(p), !Vocab.genericOrgModifiers.contains(t.key),
                !Vocab.genericServiceWords.contains(t.key), !Self.brands.contains(t.key)
            else { continue }
            // The name is one word: "Royal Preston ED" is the other rules'.
            if let b = tok(p - 1), b.kind == .word, b.capitalised, !b.sentenceStart || b.length > 1 { continue }
            relabel(.organisationLocal, p, p)
        }
    }

    /// "We assessed a lad at Dewsbury and District, Callum Reid": a town and "and District", capitalised after a
    /// place preposition and before no other name, is that town's district hospital named short (the "General" or
    /// "Hospital" left off). Quiet: "Dewsbury and District League" (a name goes on), "in Leeds and district".
    mutating func findDistrictHospitalsNamedShort() {
        for i in tokens.indices.dropFirst(2) where info[i].capitalised && tokens[i].key == "district" {
            let p = i - 2
            guard key(i - 1) == "and", let t = tok(p), t.kind == .word, t.capitalised, on(.town, p),
                inSet(.placePrepositions, p - 1), !quiet[p], !quiet[i]
            else { continue }
            if let n = tok(i + 1), n.kind == .word, n.capitalised { continue }
            relabel(.organisationLocal, p, i)
        }
    }

    /// "HRI W6", "LGI W30": a ward's code (a "W" and its number) straight after a hospital found is that ward.
    mutating func findWardCodesAfterTheirHospital() {
        for i in tokens.indices.dropFirst() where info[i].kind == .alnum && info[i].capitalised {
            let k = tokens[i].key
            guard k.first == "w", (2...4).contains(k.count), k.dropFirst().first?.isNumber == true, !quiet[i],
                !covered(i), let prev = at(i - 1), prev.kind == .word,
                candidates.contains(where: { $0.label == .organisationLocal && $0.end == prev.end })
            else { continue }
            add(.organisationLocal, tokens: i, i)
        }
    }

    /// Token `i` is a lower-case word on no list whose form without its "s" is an everyday word or has a noun's
    /// ending ("referrals", "assessments", "handovers"): a thing's plural, not a place or a name.
    func everydayPlural(_ i: Int) -> Bool {
        guard let t = tok(i), t.kind == .word, !t.capitalised, t.length >= 5, t.key.hasSuffix("s"), unknown(i) else {
            return false
        }
        let stem = String(t.key.dropLast())
        return gazetteer.isWord(stem) || Self.nounShaped(stem) || stem.hasSuffix("over")
    }

    /// A person found on token `b` alone is a protocol's or guideline's name: `eponymHeads` after it, or "form"
    /// after "the" and it.
    func eponymAt(_ b: Int) -> Bool {
        let n = key(b + 1)
        return Self.eponymHeads.contains(n) || n.isOne(of: ["form", "forms"]) && key(b - 1) == "the"
    }

    /// Words after a name that make it a protocol, test or guidance named after a person ("the Philomena protocol",
    /// "Gillick competence", "Fraser guidelines"), never the person.
    static let eponymHeads: Set<String> = [
        "protocol", "protocols", "competence", "competency", "competent", "guidelines", "guidance", "principles",
    ]

    /// "Philomena protocol forms", "lexi's photo from the Philomena form": a person found on one word straight before
    /// a protocol's or a guideline's word (or "form" after "the") is the thing named after someone, and dropped.
    mutating func dropEponymsTakenForPeople() {
        let drop = candidates.indices.filter { k in
            let c = candidates[k]
            guard c.label == .person, !c.sessionName, let b = tokenIndex(endingAt: c.end), info[b].start == c.start
            else { return false }
            return eponymAt(b)
        }
        for k in drop.reversed() { candidates.remove(at: k) }
    }
}
