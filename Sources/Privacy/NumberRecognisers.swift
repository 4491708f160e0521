/// Recognisers for identifiers made of letters and digits: email, handle,
/// phone, NHS number, NI number, postcode, vehicle registration, case
/// reference, date of birth and age.
import Foundation
import SessionModel

extension ScanContext {
    // MARK: Email and handles (on scalars: they cross token boundaries)

    mutating func findEmailsAndHandles() {
        func local(_ c: Unicode.Scalar) -> Bool { Tokeniser.isWordScalar(c) || "._%+-'".unicodeScalars.contains(c) }
        func domain(_ c: Unicode.Scalar) -> Bool { Tokeniser.isWordScalar(c) || c == "-" || c == "." }
        func handleScalar(_ c: Unicode.Scalar) -> Bool { Tokeniser.isWordScalar(c) || c == "_" || c == "." }
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "@" else {
                i += 1
                continue
            }
            var a = i
            while a > 0, local(scalars[a - 1]) { a -= 1 }
            var b = i + 1
            while b < scalars.count, domain(scalars[b]) { b += 1 }
            while b > i + 1, scalars[b - 1] == "." || scalars[b - 1] == "-" { b -= 1 }
            let host = String(String.UnicodeScalarView(scalars[(i + 1)..<b]))
            if a < i, let dot = host.lastIndex(of: "."), host.distance(from: dot, to: host.endIndex) >= 3 {
                while a < i, scalars[a] == "." || scalars[a] == "'" { a += 1 }
                add(.email, scalars: a, b)
                i = b
                continue
            }
            // A handle: @ not inside a word, then 2–30 handle characters.
            if a == i {
                var e = i + 1
                while e < scalars.count, handleScalar(scalars[e]), e - i <= 31 { e += 1 }
                while e > i + 1, scalars[e - 1] == "." { e -= 1 }
                // "@P4", "@facilitator": a chat mention of a participant's code or a role, not a handle.
                let mention = String(String.UnicodeScalarView(scalars[(i + 1)..<e])).lowercased()
                let code = mention.first == "p" && mention.count <= 4 && mention.dropFirst().allSatisfy(\.isNumber)
                if e - i >= 3, !code, !Self.chatMentions.contains(mention) { add(.handle, scalars: i, e) }
                i = e
                continue
            }
            i += 1
        }
        findTaggedHandles()
        findLooseEmails()
        findCuedHandles()
        findUnderscoreHandles()
        findDottedHandles()
        findCamelCaseHandles()
        findCorrectedHandles()
    }

    /// "RhysTheBeast07", "DarkFoxGamer9", "PlayerOne99": a capitalised word run together with two more capitals
    /// inside it and digits after it, or one capital inside and two digits or more, is a gamer's tag and needs no cue
    /// (session 15). Quiet: "iPhone14", "PlayStation5", "McDonalds", "GCSE2024".
    mutating func findCamelCaseHandles() {
        for i in tokens.indices where info[i].kind == .alnum && info[i].capitalised && !covered(i) {
            let u = Array(tokens[i].text.unicodeScalars)
            guard u.count >= 7, u.count <= 30 else { continue }
            var humps = 0
            var letters = 0
            var trailing = 0
            var lowerBefore = false
            var digitsEnd = true
            for c in u.reversed() {
                if CharacterSet.decimalDigits.contains(c), digitsEnd { trailing += 1 } else { digitsEnd = false }
            }
            for c in u {
                let upper = CharacterSet.uppercaseLetters.contains(c)
                let lower = CharacterSet.lowercaseLetters.contains(c)
                if upper || lower { letters += 1 }
                if upper, lowerBefore { humps += 1 }
                lowerBefore = lower
            }
            guard trailing >= 1, letters + trailing == u.count, humps >= 2 || humps == 1 && trailing >= 2,
                letters >= 6
            else { continue }
            if i > 0, !info[i].spaceBefore, info[i - 1].isWordLike || info[i - 1].isPunct("@_.") { continue }
            if let n = at(i + 1), !n.spaceBefore, n.isWordLike || n.isPunct("_@") { continue }
            add(.handle, tokens: i, i)
        }
    }

    /// "tiegs.xo", "kayz.2010": lower-case parts glued by dots, none of them an everyday word, need no cue (a sentence
    /// typed without its space, "left.then came", has words on both sides; a site or a file ends on its suffix).
    mutating func findDottedHandles() {
        var i = 0
        while i < tokens.count - 2 {
            defer { i += 1 }
            guard info[i + 1].isPunct("."), !info[i + 1].spaceBefore, !info[i + 2].spaceBefore,
                info[i].isWordLike, tokens[i].text.first?.isLetter == true,
                i == 0 || info[i].spaceBefore || info[i - 1].isPunct("(\"'“‘-:"),
                !covered(i), let e = handleShaped(at: i)
            else { continue }
            let parts = (i...e).filter { info[$0].isWordLike }
            // Session 15: "ghost.r1der", "shan.x.x2009", "lil.tianaa.x": a part mixing letters and digits marks a
            // handle though another part is a word; a name on no list lets a single letter ("x") stand beside it.
            let mixed = parts.contains { info[$0].kind == .alnum && tokens[$0].key.first?.isLetter == true }
            let unlisted = parts.contains { k in
                info[k].kind == .word && info[k].length >= 3 && !gazetteer.isWord(tokens[k].key)
            }
            let everyday = parts.contains { k in
                info[k].kind == .word
                    && (info[k].length < 2 ? !mixed && !unlisted : gazetteer.isWord(tokens[k].key) && !mixed)
            }
            guard !everyday, !(i...e).contains(where: { covered($0) || Self.topLevelDomains.contains(key($0)) }) else {
                continue
            }
            add(.handle, tokens: i, e)
            i = e
        }
    }

    /// Words before "#" and digits that make them a numbered thing, not a gamer tag ("case#4471", "room#1204").
    static let notTagNames = Vocab.set(
        "no num number ticket order issue item invoice id ref tel ext flat unit apt page job pr tag hashtag year")

    /// "shadowkid#4821", "lil.zee_#0457": a gaming tag, a name glued to "#" and four digits (Discord's old tags,
    /// Battle.net's), needs no cue; the whole of it, the name's glued parts included.
    mutating func findTaggedHandles() {
        guard scalars.contains("#") else { return }
        var i = 1
        while i < tokens.count - 1 {
            defer { i += 1 }
            guard info[i].isPunct("#"), !info[i].spaceBefore, let n = at(i + 1), n.kind == .number,
                n.length == 4, !n.spaceBefore, tok(i + 2).map({ $0.spaceBefore || !$0.isWordLike }) ?? true,
                info[i - 1].isWordLike || info[i - 1].isPunct("_")
            else { continue }
            // The name: word-like pieces glued by "." and "_" ("lil.zee_").
            var a = i - 1
            while a >= 1, !info[a].spaceBefore, info[a - 1].isWordLike || info[a - 1].isPunct("._") { a -= 1 }
            while a < i - 1, info[a].isPunct(".") { a += 1 }
            guard (a..<i).contains(where: { info[$0].isWordLike }) else { continue }
            if a > 0, !info[a].spaceBefore, info[a - 1].isPunct("@") { a -= 1 }
            if Vocab.caseCues.contains(key(i - 1)) || Self.notTagNames.contains(key(i - 1))
                || Self.fieldCountWords.contains(key(i - 1))
            {
                continue
            }
            // "@shadowkid#4821": the "@" handle found already takes its tag.
            let s = info[a].start
            let e = info[i - 1].end
            if candidates.contains(where: { $0.start < e && s < $0.end && !($0.label == .handle && $0.end <= e) }) {
                continue
            }
            candidates.removeAll { $0.label == .handle && $0.start < e && s < $0.end }
            add(.handle, tokens: a, i + 1)
            i += 1
        }
    }

    /// Mail hosts: an address "kayla at hotmail.com" with a plain local part is an e-mail address at these.
    static let mailHosts = Vocab.set(
        "gmail googlemail hotmail outlook live yahoo icloud btinternet aol sky protonmail proton msn me talktalk virgin"
    )

    /// E-mail addresses written loosely: "jo.smith (at) example.com", "jo.smith [at] example [dot] com", "jo_smith@example
    /// .com" and "kayla.b@hotmail. com" with a caption's stray space, "jo_smith @ example.com", "jo.smith at example dot
    /// co dot uk". The "@" may be spaced or said in brackets; a plain "at" needs a local part written with "." or "_"
    /// or a mail host. Dots in the domain may be written, said, bracketed, or have one stray space.
    mutating func findLooseEmails() {
        guard tokens.count >= 3 else { return }
        var m = 1
        while m < tokens.count - 1 {
            defer { m += 1 }
            let t = tokens[m]
            var lo = m - 1
            var d = m + 1
            var plain = false
            if t.isPunct("@") {
                // "jo.smith@example.com" whole was found on the scalars already.
                if covered(m) { continue }
            } else if t.key.equals("at") {
                if at(m - 1)?.isPunct("([{<") == true, at(m + 1)?.isPunct(")]}>") == true {
                    lo = m - 2
                    d = m + 2
                } else {
                    plain = true
                }
            } else {
                continue
            }
            guard let l = at(lo), l.isWordLike, let first = tok(d), first.isWordLike, !covered(lo), !covered(d) else {
                continue
            }
            // The local part: word-like pieces glued by . _ - + (no spaces).
            var s = lo
            while s >= 2, let sep = at(s - 1), sep.isPunct("._-+"), !sep.spaceBefore, !info[s].spaceBefore,
                info[s - 2].isWordLike, !covered(s - 2)
            {
                s -= 2
            }
            // The domain: pieces joined by a written dot (one stray space allowed), "dot", "(dot)" or "[dot]".
            var e = d
            var end: Int?
            var written = false // a dot typed, not said
            while true {
                var n = e + 1
                if at(n)?.isPunct(".") == true, !(info[n].spaceBefore && at(n + 1)?.spaceBefore == true) {
                    n += 1
                    written = true
                } else if key(n).equals("dot") {
                    n += 1
                } else if at(n)?.isPunct("([") == true, key(n + 1).equals("dot"), at(n + 2)?.isPunct(")]") == true {
                    n += 3
                } else if at(n)?.isPunct("-") == true, !info[n].spaceBefore, at(n + 1)?.spaceBefore == false {
                    n += 1
                } else {
                    break
                }
                guard let w = tok(n), w.isWordLike, !covered(n) else { break }
                e = n
                if Self.topLevelDomains.contains(w.key) { end = n }
            }
            guard let b = end else { continue }
            // A plain "at" with a plain local part ("met him at tesco.com") is no address, unless at a mail host;
            // one said wholly in words is findSpokenEmails' to read.
            if plain, s == lo, !Self.mailHosts.contains(first.key) { continue }
            if plain, s == lo, !written, lo > 0, key(lo - 1).equals("dot") { continue }
            add(.email, tokens: s, b)
            m = b
        }
    }

    /// Who a chat "@" addresses in a session that is not a handle.
    static let chatMentions = Vocab.set(
        "facilitator facilitators host cohost co-host everyone all here channel notetaker note-taker chair lead team")

    /// Lower-case parts glued by "." or "_" ("bby.gurl.lexi", "kayz.xo_2010"), not a web address, a file or a version
    /// number; the last token.
    func handleShaped(at i: Int) -> Int? {
        guard let t = at(i), t.isWordLike, !t.capitalised || t.kind != .word else { return nil }
        var e = i
        var parts = 1
        while let sep = at(e + 1), !sep.spaceBefore, sep.isPunct("._"), let n = at(e + 2), !n.spaceBefore,
            n.isWordLike || n.isPunct("_")
        {
            e += 2
            parts += 1
        }
        guard parts >= 2,
            (i...e).contains(where: {
                (info[$0].kind == .word || info[$0].kind == .alnum) && info[$0].length >= 3
            }),
            !(i...e).allSatisfy({ info[$0].kind == .number || info[$0].isPunct("._") })
        else { return nil }
        if let n = at(e + 1), !n.spaceBefore, n.isWordLike || n.isPunct("@/") { return nil }
        if Self.topLevelDomains.contains(tokens[e].key) || Self.fileExtensions.contains(tokens[e].key) { return nil }
        if Self.versionShaped(i, e, tokens) { return nil }
        return e
    }

    /// "v2.3.1", "v10.4": a version number, not a handle.
    static func versionShaped(_ a: Int, _ b: Int, _ tokens: [Token]) -> Bool {
        let first = tokens[a].key
        guard first.hasPrefix("v"), first.dropFirst().allSatisfy(\.isNumber), first.count >= 2 else { return false }
        return (a...b).dropFirst().allSatisfy { tokens[$0].kind == .number || tokens[$0].isPunct(".") }
    }

    /// Words that let a handle-shaped word ("lil.t.09") a few words on be a handle, though a plain word after them is not.
    static let shapedHandleCues = Vocab.set(
        "added adding add follow follows followed following account profile page dm dms dmed dm'd messaged")

    static let anyHandleCue = Vocab.handleCues.union(shapedHandleCues)

    static let fileExtensions = Vocab.set(
        "pdf doc docx txt jpg jpeg png gif xls xlsx ppt pptx mp4 mov csv html htm zip")

    /// "princess_kay04", "trap_boy.jj": a handle with an underscore needs no cue.
    mutating func findUnderscoreHandles() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].isWordLike, !info[i].isPunct("_"),
                i == 0 || info[i].spaceBefore || !info[i - 1].isWordLike && !info[i - 1].isPunct("@.")
            else { continue }
            var e = i
            var underscore = false
            while let n = at(e + 1), !n.spaceBefore,
                n.isWordLike
                    || (n.isPunct("_.")
                        && tok(e + 2).map { !$0.spaceBefore && ($0.isWordLike || $0.isPunct("_")) } == true)
                    || n.isPunct("_")
            {
                if n.isPunct("_") { underscore = true }
                e += 1
            }
            while e > i, info[e].isPunct("_.") { e -= 1 }
            // "mcgrath_MACE_notes_v2.docx": a file's name, not a handle.
            let file = e > i + 1 && info[e - 1].isPunct(".") && Self.fileExtensions.contains(tokens[e].key)
            if underscore, !file, e > i, !covered(i), !(i...e).contains(where: { info[$0].isPunct("@") }) {
                add(.handle, tokens: i, e)
            }
            i = e
        }
    }

    /// "snap: jaydee_99", "her insta is tyler.b", "tiktok handle kaylz".
    mutating func findCuedHandles() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            var k = key(i)
            guard inSet(.anyHandleCue, i) else { continue }
            // "goes by roxxx.2011 on tiktok": a handle-shaped word just before "on" and the platform.
            if key(i - 1).equals("on") || key(i - 1).equals("via"), i >= 2 {
                var s = i - 2
                while s > 0, !info[s].spaceBefore { s -= 1 }
                if let e = handleShaped(at: s), e == i - 2, !covered(s) { add(.handle, tokens: s, e) }
            }
            if k.equals("tik"), key(i + 1).equals("tok") {
                i += 1
                k = "tiktok"
            }
            var j = i + 1
            var explicit = false
            var fillers = 0
            while j < tokens.count, Vocab.handleFillers.contains(tokens[j].key), fillers < 3 {
                if !keys[j].equals("on") { explicit = true }
                if keys[j].equals("@") { break }
                j += 1
                fillers += 1
            }
            // "on xbox he's darkfox99": who it is between the platform and the name; then only a name marked as a
            // handle (digits, "_", ".") is taken, since "she's always on" says a word there.
            if key(j).isOne(of: ["he", "she", "they"]), isApostrophe(j + 1),
                key(j + 2).isOne(of: ["s", "re"])
            {
                j += 3
                explicit = false
            }
            // "Her snap, it was, um, bby.gurl.lexi": a handle-shaped word a few words on in the same sentence.
            var shaped: (Int, Int)?
            var m = i + 1
            while m < tokens.count, m - i <= 10, !info[m].isPunct(".!?") {
                if info[m].spaceBefore || info[m - 1].isPunct(",:"), let e = handleShaped(at: m), !covered(m) {
                    shaped = (m, e)
                    break
                }
                m += 1
            }
            if let (a, e) = shaped {
                add(.handle, tokens: a, e)
                i = e
                continue
            }
            // Session 15: 'The roblox name was, hang on, "bunny gamer"': after a platform and the word for its name,
            // one or two lower-case words quoted whole.
            if Vocab.handleCues.contains(k), let (a, e) = quotedHandle(after: i) {
                add(.handle, tokens: a, e)
                i = e + 1
                continue
            }
            guard j < tokens.count, Vocab.handleCues.contains(k) else { continue }
            if keys[j].equals("@") { continue } // already an @handle
            // Handle text: adjacent word/number/_/. tokens.
            let startScalar = info[j].start
            var end = j
            guard info[j].isWordLike else { continue }
            while end + 1 < tokens.count, !info[end + 1].spaceBefore,
                info[end + 1].isWordLike
                    || ((tokens[end + 1].text == "_" || tokens[end + 1].text == ".") && end + 2 < tokens.count
                        && !info[end + 2].spaceBefore && info[end + 2].isWordLike)
            {
                end += 1
            }
            let piece = (j...end).map { tokens[$0].key }.joined()
            if Self.versionShaped(j, end, tokens) { continue }
            let marked = (j...end).contains { info[$0].kind != .word } || end > j
            guard !Vocab.notHandles.contains(piece), piece.count >= 3 else { continue }
            guard explicit || marked else { continue }
            // "tiktok - trends not specific": after a dash or colon alone, an everyday word is the sentence going on.
            if !marked, (i + 1..<j).allSatisfy({ info[$0].kind == .punct }), gazetteer.isWord(piece),
                !gazetteer.isGiven(piece)
            {
                continue
            }
            if gazetteer.towns.contains(piece) || Vocab.notNames.contains(piece) { continue }
            // "telegram is impossible to get anything off": an everyday word the sentence goes on from is no handle.
            if !marked, gazetteer.isWord(piece), !gazetteer.isGiven(piece),
                Self.clauseGoesOn.contains(key(end + 1))
            {
                continue
            }
            // "kayz underscore xo": said aloud, the whole is findSpokenHandles' to read.
            if key(end + 1).equals("underscore") { continue }
            // "kayden dot gzz": so is a handle's "dot" said aloud (not a web address's).
            if key(end + 1).equals("dot"), let n = tok(end + 2), n.isWordLike, !Self.topLevelDomains.contains(n.key) {
                continue
            }
            // "gamertag is DarkFox 99": a console's tag may hold a space before its digits.
            if k.isOne(of: ["gamertag", "xbox", "psn"]), let n = at(end + 1), n.kind == .number, n.length <= 4,
                tok(end + 2).map({ $0.kind == .punct }) ?? true
            {
                end += 1
            }
            add(.handle, scalars: startScalar, info[end].end)
            i = end
        }
    }

    /// Words that say a name follows a platform ("the roblox name was", "her snap username").
    static let handleNameWords = Vocab.set("name username handle tag gamertag called id account")

    /// The tokens of one or two lower-case words quoted whole within ten tokens after platform cue `i` and a word for
    /// its name, in the same sentence; nil when none, or when a word is a function word.
    func quotedHandle(after i: Int) -> (Int, Int)? {
        var named = false
        var m = i + 1
        while m < tokens.count, m - i <= 10, !info[m].isPunct(".!?") {
            if Self.handleNameWords.contains(key(m)) { named = true }
            if info[m].isPunct("\"“"), named {
                let a = m + 1
                var e = a
                while e < tokens.count, e - a < 3, info[e].isWordLike { e += 1 }
                guard e > a, e - a <= 2, at(e)?.isPunct("\"”") == true, !info[a].spaceBefore, !info[e].spaceBefore,
                    (a..<e).allSatisfy({ !info[$0].capitalised && !Vocab.functionWords.contains(key($0)) }),
                    !(a..<e).contains(where: covered)
                else { return nil }
                return (a, e - 1)
            }
            m += 1
        }
        return nil
    }

    /// Words after which a sentence goes on from the word before ("impossible to…", "good for…").
    static let clauseGoesOn = Vocab.set("to for of with about than as that because")

    /// Words a speaker corrects a handle with ("jaydee_99, not jaydee99", "tyler.b or tyler.b2, I mean").
    static let correctionWords = Vocab.set("not no or mean sorry actually")

    /// "handle was jaydee_99 btw not jaydee99": after a handle found, a correction a few words on hands the next
    /// word its label when it is marked as one (digits or "." or "_" in it).
    mutating func findCorrectedHandles() {
        let handles = candidates.filter { $0.label == .handle }
        guard !handles.isEmpty else { return }
        for h in handles {
            guard let last = tokenIndex(endingAt: h.end) else { continue }
            var j = last + 1
            var sawCorrection = false
            while j < tokens.count, j - last <= 5 {
                if Self.correctionWords.contains(key(j)) { sawCorrection = true }
                if sawCorrection, !Self.correctionWords.contains(key(j)), info[j].isWordLike { break }
                j += 1
            }
            guard sawCorrection, j < tokens.count, info[j].spaceBefore || at(j - 1)?.isPunct(",:") == true,
                !covered(j)
            else { continue }
            var e = j
            while let n = at(e + 1), !n.spaceBefore, n.isWordLike || n.isPunct("._") && at(e + 2)?.isWordLike == true {
                e += 1
            }
            let glued = (j...e).contains { info[$0].isPunct("._") }
            let digitsAndLetters = info[j].kind == .alnum && e == j
            guard glued || digitsAndLetters, !Self.versionShaped(j, e, tokens),
                !Self.topLevelDomains.contains(tokens[e].key), !Self.fileExtensions.contains(tokens[e].key)
            else { continue }
            add(.handle, tokens: j, e)
        }
    }

    // MARK: Numbers

    mutating func findNumbers() {
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .punct && t.text != "+" && t.text != "(" {
                i += 1
                continue
            }
            // Ten digits from 0 after an NHS cue are tried as an NHS number first (`nhs` holds them to the cue).
            if t.kind == .number, t.text.hasPrefix("0"), let (a, e) = nhs(at: i) {
                add(.nhsNumber, scalars: a, info[e].end)
                i = e + 1
                continue
            }
            if let e = phone(at: i) {
                add(.phone, tokens: i, e)
                i = e + 1
                continue
            }
            if let (a, e) = nhs(at: i) {
                add(.nhsNumber, scalars: a, info[e].end)
                i = e + 1
                continue
            }
            if let e = niNumber(at: i) {
                add(.niNumber, tokens: i, e)
                i = e + 1
                continue
            }
            if let e = postcode(at: i) {
                add(.postcode, tokens: i, e)
                i = e + 1
                continue
            }
            if let e = vehicle(at: i) {
                add(.vehicleReg, tokens: i, e)
                i = e + 1
                continue
            }
            i += 1
        }
        findHospitalNumbers()
        findCaseRefs()
        findDatesOfBirth()
        findAges()
    }

    /// Digit groups from `i` separated by one space, hyphen or parentheses; (end index, digits) after each group.
    func digitGroups(from i: Int, separators: String = " -().") -> [(Int, String)] {
        var out: [(Int, String)] = []
        var digits = ""
        var j = i
        var lastEnd = -1
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .number {
                if lastEnd >= 0 && info[j].start - info[lastEnd].end > 2 { break }
                digits += t.text
                out.append((j, digits))
                lastEnd = j
                if digits.count > 13 { break }
                j += 1
            } else if t.isPunct(separators) && (lastEnd < 0 || t.start - info[lastEnd].end <= 1) {
                j += 1
            } else {
                break
            }
        }
        // Not followed directly by more digits or letters (then it is a longer thing).
        return out.filter { e in
            guard let next = at(e.0 + 1) else { return true }
            return next.spaceBefore || next.kind == .punct
        }
    }

    func phone(at i: Int) -> Int? {
        var start = i
        var international = false
        if info[i].kind == .punct && tokens[i].text.equals("+") {
            guard let n = tok(i + 1), n.kind == .number, !n.spaceBefore else { return nil }
            // Session 17 (`asylum13`): "+33 6 12 34 56 78", "+49 1523 4567890": a number from abroad.
            guard n.text.hasPrefix("44") else { return abroad(at: i + 1, plus: true) }
            international = true
            start = i + 1
        } else if info[i].kind == .number, tokens[i].text.hasPrefix("00"), !tokens[i].text.hasPrefix("0044"),
            let e = abroad(at: i, plus: false)
        {
            return e
        } else if info[i].kind == .punct && tokens[i].text.equals("(") {
            guard let n = tok(i + 1), n.kind == .number, n.text.hasPrefix("0") else { return nil }
        } else if info[i].kind != .number || !tokens[i].text.hasPrefix("0") {
            return nil
        }
        if let p = previousWord(i), info[p].kind == .number, i - p == 2, ["/", ".", ":"].contains(tokens[i - 1].text) {
            return nil
        }
        // "03.07.2009 16": a date typed with dots or slashes is no phone, whatever digits follow it.
        if let s1 = tok(i + 1), s1.isPunct("./"), !s1.spaceBefore, let s3 = tok(i + 3), s3.text == s1.text,
            !s3.spaceBefore, tok(i + 4)?.kind == .number, isNumericDate(i, i + 4)
        {
            return nil
        }
        // "0044 7700 900123": the country code dialled from abroad.
        let dialledAbroad = !international && info[i].kind == .number && tokens[i].text.hasPrefix("0044")
        if dialledAbroad { international = true }
        var best: Int?
        for (end, raw) in digitGroups(from: start) {
            var d = raw
            if dialledAbroad { d = String(d.dropFirst(2)) }
            if international {
                d = String(d.dropFirst(2))
                if d.hasPrefix("0") { d = String(d.dropFirst()) }
                d = "0" + d
            }
            guard d.count == 10 || d.count == 11, let second = d.dropFirst().first, "12378".contains(second) else {
                continue
            }
            if d.hasPrefix("07") && d.count != 11 { continue }
            // Freephone and premium-rate numbers are helplines and services, not a person's number.
            if d.hasPrefix("080") || d.hasPrefix("0500") || d.hasPrefix("09") { continue }
            best = end
        }
        guard let end = best else { return nil }
        // A bare 10–11 digit run that is also a valid NHS number is not a phone (NHS numbers never start with 0, so this is rare).
        return end
    }

    /// A number dialled from abroad, its country code after "+" (`plus`) or "00", in the E.164 shape: a country
    /// code of one to three digits (no leading 0), then the national number in any grouping ("+33 6 12 34 56 78",
    /// "+355 69 123 4567", "0049 1523 4567890", "+4915234567890"), nine to fifteen digits in all, the groups split by
    /// one space, hyphen, dot or bracket. Quiet: "+3 more", "+1 for that", "£20 +15 12 30" (a sum before), a longer
    /// run ("+12 3456 7890 1234 5678 9"), "00 12 34" (no country code).
    func abroad(at i: Int, plus: Bool) -> Int? {
        let first = tokens[i]
        guard first.kind == .number else { return nil }
        let lead = plus ? first.text : String(first.text.dropFirst(2))
        guard let c = lead.first, c != "0" else { return nil }
        // A country code of its own ("+33 6…", "0033 6…"), or after "+" the whole number in one run.
        let codeAlone = lead.count <= 3
        guard codeAlone || plus else { return nil }
        // "3+44…", "£20 +15 …": a sum, not a number dialled.
        if plus, let p = at(i - 2), p.isWordLike,
            info[i - 1].start == p.end || p.kind == .number && info[i - 1].start - p.end <= 1
        {
            return nil
        }
        let groups = digitGroups(from: i)
        // A longer run of digit groups is some other number (a card, an account, a reference).
        if let last = groups.last, last.1.count - (plus ? 0 : 2) > 15 { return nil }
        if let last = groups.last, let n = at(last.0 + 1), n.kind == .number, n.start - info[last.0].end <= 2 {
            return nil
        }
        return groups.last(where: { end, raw in
            (9...15).contains(raw.count - (plus ? 0 : 2)) && (codeAlone ? end > i : end == i)
        })?.0
    }

    /// Words glued before an NHS number ("NHS4857773456", "nhsno4857773456").
    static let nhsGlueCues = Vocab.set("nhs nhsno nhsnum chi no num number")

    /// An NHS number as people type it: ten digits alone or in groups of two or more split by spaces, hyphens or dots
    /// in any way ("485 777 3456", "48-57-77-34-56", "485.777.3456"), or glued to its cue ("NHS4857773456");
    /// always held to the Modulus 11 check digit. Ten digits starting with 0 are more often a phone: they need a cue.
    /// Returns the first scalar (after a glued cue) and the last token.
    func nhs(at i: Int) -> (start: Int, end: Int)? {
        let t = tokens[i]
        var start = t.start
        var digits: Substring
        var glued = false
        if t.kind == .alnum {
            let letters = t.key.prefix { !$0.isNumber }
            guard Self.nhsGlueCues.contains(String(letters)), t.key.dropFirst(letters.count).allSatisfy(\.isNumber)
            else { return nil }
            start = t.start + letters.unicodeScalars.count
            digits = t.key.dropFirst(letters.count)
            glued = true
        } else if t.kind == .number {
            if let p = at(i - 1), !t.spaceBefore, p.isWordLike { return nil }
            digits = Substring(t.text)
        } else {
            return nil
        }
        guard digits.count <= 10, digits.count >= 2 || glued else { return nil }
        var text = String(digits)
        var groups = [digits.count]
        var e = i
        var j = i + 1
        while text.count < 10 {
            // The next group: after one space, or a hyphen or dot (spaces around it allowed).
            var k = j
            if let s = at(k), s.isPunct("-.–"), s.start - info[e].end <= 1 { k += 1 }
            guard let g = tok(k), g.kind == .number, g.length >= 2, g.start - info[k - 1].end <= 1,
                k == j ? g.spaceBefore : true
            else { break }
            text += g.text
            groups.append(g.length)
            e = k
            j = k + 1
        }
        guard text.count == 10, NHSNumber.isValid(text) else { return nil }
        // Not glued to more letters or digits, and not the start of a longer run of groups.
        if let n = at(e + 1), !n.spaceBefore && n.isWordLike || n.kind == .number && n.start - info[e].end == 1 {
            return nil
        }
        if let n = at(e + 1), n.isPunct("-.:"), !n.spaceBefore, at(e + 2)?.kind == .number { return nil }
        // "2026-12-06 09:48": a date and a time, not a number in groups.
        if key(i + 1).equals("-"), year(i) { return nil }
        // Session 16: "071 620 2182", ten digits from 07 in the NHS's own groups, is no phone (a mobile has eleven).
        let mobileNeverTen = text.hasPrefix("07") && groups == [3, 3, 4]
        if text.hasPrefix("0"), !glued, !nhsCueNearest(before: i), !mobileNeverTen { return nil }
        return (start, e)
    }

    static let phoneCues = Vocab.set(
        "phone mobile mob tel telephone landline ring rang call called text texted whatsapp")

    /// An NHS cue comes within ten tokens before `i` in the same sentence, nearer than any phone cue ("NHS number
    /// for her came through later as 0…": ten digits from 0 read as an NHS number when they validate).
    func nhsCueNearest(before i: Int) -> Bool {
        var j = i - 1
        while j >= 0, i - j <= 10 {
            if info[j].isPunct(".!?") { return false }
            if Self.nhsCues.contains(tokens[j].key) { return true }
            if Self.phoneCues.contains(tokens[j].key) { return false }
            j -= 1
        }
        return false
    }

    /// Tokens a...b are not glued to more letters or digits on either side.
    func standalone(_ a: Int, _ b: Int) -> Bool {
        if let p = at(a - 1), !info[a].spaceBefore, p.isWordLike { return false }
        if let n = at(b + 1), !n.spaceBefore, n.isWordLike { return false }
        return true
    }

    /// Word-like tokens from `i` glued or separated by single spaces, upper-cased and concatenated, with the end index.
    func compact(from i: Int, maxTokens: Int) -> [(Int, String)] {
        var out: [(Int, String)] = []
        var s = ""
        var j = i
        while j < tokens.count, j - i < maxTokens, info[j].isWordLike {
            if j > i && info[j].start - info[j - 1].end > 1 { break }
            s += tokens[j].text.uppercased()
            out.append((j, s))
            j += 1
        }
        return out
    }

    static let niCues = Vocab.set("ni nino nin insurance")

    /// A National Insurance number in the shapes people type: "AB123456C", "AB 12 34 56 C", "ab-12-34-56-c",
    /// "AB12 3456 C", "AB.12.34.56.C"; without its suffix letter only after a cue ("NI no AB123456"). Two valid
    /// prefix letters, six digits, a suffix A–D.
    func niNumber(at i: Int) -> Int? {
        let t = tokens[i]
        // Most tokens stop here: a two-letter word before digits, or letters glued to digits.
        guard
            t.kind == .word
                ? t.length == 2 && tok(i + 1).map({ $0.digits > 0 || $0.isPunct("-.") }) == true
                : t.kind == .alnum && t.length <= 9
        else { return nil }
        let first = Array(t.text.unicodeScalars)
        guard first.count >= 2, Tokeniser.isLetter(first[0]), Tokeniser.isLetter(first[1]),
            first.count == 2 || !Tokeniser.isLetter(first[2]) || t.kind == .alnum && first.count == 9
        else { return nil }
        // Glued pieces, or pieces split by one space, hyphen or dot, up to nine characters in all.
        var s = t.text.uppercased()
        var e = i
        var j = i + 1
        var best: Int?
        func check(_ s: String, suffix: Bool) -> Bool {
            let u = Array(s.unicodeScalars)
            func letter(_ c: Unicode.Scalar, _ allowed: String) -> Bool { allowed.unicodeScalars.contains(c) }
            guard u.count == (suffix ? 9 : 8), letter(u[0], "ABCEGHJKLMNOPRSTWXYZQ"),
                letter(u[1], "ABCEGHJKLMNPRSTWXYZQ"),
                u[2...7].allSatisfy({ $0.value >= 48 && $0.value <= 57 }), !suffix || letter(u[8], "ABCD")
            else { return false }
            let prefix = String(s.prefix(2))
            // Session 17 (`asylum13`): with its suffix letter the shape is the number though HMRC never issues the
            // prefix ("NK 29 10 36 A": typed or misheard so, it is still one); not the country's "GB"/"BG" or "ZZ".
            if ["BG", "GB", "ZZ"].contains(prefix) { return false }
            if !suffix, ["NK", "KN", "TN", "NT"].contains(prefix) { return false }
            return letter(u[0], "ABCEGHJKLMNOPRSTWXYZ") || prefix == "QQ"
        }
        while true {
            if check(s, suffix: true), standalone(i, e) { return e }
            if best == nil, check(s, suffix: false), standalone(i, e), cueBefore(i, Self.niCues, reach: 5),
                tok(e + 1).map({ !($0.kind == .word && $0.length == 1) }) ?? true
            {
                best = e
            }
            guard s.count < 9, let n = at(j) else { break }
            var k = j
            if n.isPunct("-."), !n.spaceBefore, let m = at(j + 1), !m.spaceBefore, m.isWordLike { k = j + 1 }
            guard let piece = tok(k), piece.isWordLike, piece.start - info[k - 1].end <= 1,
                s.count + piece.length <= 9
            else { break }
            s += piece.text.uppercased()
            e = k
            j = k + 1
        }
        return best
    }

    static let postcodeAreas: Set<String> = Vocab.set(
        """
        AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY
        HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL
        PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
        """)

    /// "SE15", "M1", "CF10", "W1A": a valid area then a district.
    static func isOutward(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count >= 2 && u.count <= 4 else { return false }
        var letters = 0
        while letters < u.count, Tokeniser.isLetter(u[letters]) { letters += 1 }
        guard letters >= 1 && letters <= 2, postcodeAreas.contains(String(s.prefix(letters))) else { return false }
        let rest = u[letters...]
        guard let first = rest.first, first.value >= 48 && first.value <= 57 else { return false }
        let tail = rest.dropFirst()
        if tail.count > 1 { return false }
        if let t = tail.first { return (t.value >= 48 && t.value <= 57) || Tokeniser.isLetter(t) }
        return true
    }

    static func isInward(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        return u.count == 3 && u[0].value >= 48 && u[0].value <= 57
            && "ABDEFGHJLNPQRSTUWXYZ".unicodeScalars.contains(u[1])
            && "ABDEFGHJLNPQRSTUWXYZ".unicodeScalars.contains(u[2])
    }

    func postcode(at i: Int) -> Int? {
        let t = tokens[i]
        guard t.kind == .alnum, t.text.unicodeScalars.count <= 7 else { return nil }
        let upper = t.text.uppercased()
        // Full postcode, one token ("SE154QT") or two ("SE15 4QT").
        if t.kind == .alnum, upper.count >= 5 && upper.count <= 7, Self.isOutward(String(upper.dropLast(3))),
            Self.isInward(String(upper.suffix(3))), standalone(i, i)
        {
            return i
        }
        if Self.isOutward(upper), let n = tok(i + 1), n.kind == .alnum, n.start - t.end == 1,
            Self.isInward(n.text.uppercased()), standalone(i, i + 1)
        {
            return i + 1
        }
        // "LS9-6PD": the two halves joined by a hyphen.
        if Self.isOutward(upper), let h = at(i + 1), h.isPunct("-"), !h.spaceBefore, let n = tok(i + 2),
            n.kind == .alnum, !n.spaceBefore, Self.isInward(n.text.uppercased()), standalone(i, i + 2)
        {
            return i + 2
        }
        // Outward only: upper case, with a place cue before or "area"/"postcode" after.
        guard t.kind == .alnum, Self.isOutward(upper), standalone(i, i) else { return nil }
        // "LD70 HMY": a registration
        if let n = at(i + 1), n.kind == .word, n.length == 3, n.allCaps, n.start - t.end == 1 { return nil }
        let before = key(i - 1)
        let after = key(i + 1)
        let lower = t.text != upper
        let cueBefore =
            [
                "in", "near", "at", "from", "around", "postcode", "round", "covering", "off", "into", "to", "lives",
                "living", "covers", "cover", "covered",
            ].contains(before)
            || (before == "the" && key(i - 2).isOne(of: ["in", "near", "from", "around", "across"]))
            // "postcode area bt13", "post code district LS9".
            || ["area", "district"].contains(before) && key(i - 2).isOne(of: ["postcode", "code"])
            // Session 16: "spotted man @ HU6": an "@" set apart from the code is "at" (glued, a handle).
            || before == "@" && info[i].spaceBefore && !lower
        let cueAfter = ["area", "postcode", "district", "side", "end", "patch", "way"].contains(after)
        // "cf5 is the postcode", "NG7's their area": the code named as one a few words on.
        let namedAsOne = postcodeNamedAfter(i)
        // Session 13: "PR1 6 area", "E1 4 something": the sector's digit after the code is part of it.
        let sector = sectorAfter(i)
        let end = sector?.end ?? i
        let postcodeWord = postcodeWordBefore(i)
        if Self.notPostcodeAfter.contains(key(end + 1)) || ["vitamin", "vit"].contains(before) { return nil }
        // "near M5 junctions", "off the M62": a motorway's number is a postcode only by a postcode's own words.
        if Self.isMotorway(upper) {
            return postcodeWord || namedAsOne || key(end + 1).isOne(of: ["area", "postcode", "district"])
                || outwardList(at: i, lowerCase: t.text != upper) || livesIn(i) ? end : nil
        }
        // "she's in S4": a Scottish pupil's year.
        if Self.scottishYear(key(i)), yearGroupBefore(i - 1), !postcodeWord { return nil }
        // Said as a postcode in its own right: after a postcode word in the sentence, with its sector and "area" or
        // "something" ("E1 4 something"), in a correction of another code ("b21 not b12", "wv14 i think not wv2"),
        // one more after a code found before ("bee bee one, mostly, and b20"), a speaker's "and b20" that goes on from
        // another's code, after the place it belongs to ("Pembury Est E8", "on the Pembury, E8", "Kirkby L32").
        if postcodeWord || sector?.cued == true || correctedCode(i) || codeSaidBefore(i)
            || goesOnFromAnother(i) && !Self.scottishYear(key(i))
            || placeBefore(i, lowerCase: lower) || wholeNoteField(i) && !Self.scottishYear(key(i))
        {
            return end
        }
        if t.text != upper {
            if sessionShorthand(i) { return nil }
            // "lives in ls9", "the cv1 area": a two-letter area in lower case needs a place cue.
            let twoLetters = upper.unicodeScalars.prefix { Tokeniser.isLetter($0) }.count == 2
            // Session 13: one letter after "in/from/around/covers" ("standard in s4 tbh"), not a pupil's year ("she's
            // in s4"); two letters that are no word after "the" before a word ("the bd4 early help inbox").
            let oneLetter =
                !twoLetters && ["in", "from", "around", "covers", "cover", "covering"].contains(before)
                && !(Self.scottishYear(key(i)) && yearGroupBefore(i - 1))
                && !key(i - 2).isOne(of: ["low", "high", "rich", "deficient", "lacking"])
            let theArea =
                twoLetters && before == "the" && !ScanContext.outwardAreaWords.contains(String(t.key.prefix(2)))
                && tok(i + 1).map { $0.kind == .word && !Self.countNouns.contains($0.key) } == true
            // Session 18: "moved to ts3": "to" after a verb of moving home is a place cue.
            let movedTo =
                before == "to"
                && key(i - 2).isOne(of: ["moved", "moving", "move", "moves", "went", "sent", "relocated"])
            return (cueBefore || cueAfter) && ["postcode", "lives", "living"].contains(before) || after == "postcode"
                || namedAsOne || twoLetters && (cueAfter || cueBefore && !["to", "at", "off", "into"].contains(before))
                || twoLetters && movedTo
                || oneLetter || theArea || outwardList(at: i, lowerCase: true)
                ? end : nil
        }
        if cueBefore || cueAfter || namedAsOne || outwardList(at: i, lowerCase: false) { return end }
        // On its own, a two-letter area with its district ("LU1", "SE15", "CF10") is a postcode; one-letter ones
        // ("M6", "B12", "A1") are roads and vitamins too often.
        // Not in a run of codes or numbers ("draft 13 BB68", "CB1F"), and only the plain shapes AA9 / AA99.
        let letters = upper.unicodeScalars.prefix { Tokeniser.isLetter($0) }.count
        let plain = upper.unicodeScalars.dropFirst(letters).allSatisfy { $0.value >= 48 && $0.value <= 57 }
        // "Lewsey Farm / Hockwell Ring / LU4": a slash or comma in a list of places does not make a run of codes.
        let amongCodes =
            (tok(i - 1).map {
                $0.kind == .number || $0.kind == .alnum
                    || $0.kind == .punct
                        // "Callum -> BT13 -> …", "| BT13 |": a note's arrows and a pasted row's bars.
                        && (!$0.isPunct("/,(>→|")
                            || tok(i - 2).map { $0.kind == .number || $0.kind == .alnum && !outwardAt(i - 2) } ?? true)
            } ?? false)
            || (tok(i + 1).map { $0.kind == .number && sector == nil || $0.kind == .alnum } ?? false)
        return letters == 2 && plain && !amongCodes
            && !["the", "year", "key", "stage", "ks", "form", "class", "set", "group", "room"].contains(before)
            ? end : nil
    }

    /// Words two before "in s1" / "from s2" that make it a group's session, not Sheffield's district.
    static let sessionTellers = Vocab.set(
        "discussed given named mentioned raised said shared agreed reported flagged noted there concerns actions"
    )
    /// Words after it that do: "named in s2 by P7", "concerns from s2 followed up", "account from s2 still active".
    static let sessionFollowers = Vocab.set("by followed still")

    /// "discussed in s1", "named in s2 by P7": a session's number typed short, "s" and one digit in lower case after
    /// "in" or "from", with something told before it or after it (session 15). Quiet: "standard in s4 tbh".
    func sessionShorthand(_ i: Int) -> Bool {
        let k = tokens[i].text
        guard k.count == 2, k.hasPrefix("s"), k.last?.isNumber == true, key(i - 1).isOne(of: ["in", "from"]) else {
            return false
        }
        return Self.sessionTellers.contains(key(i - 2)) || Self.sessionFollowers.contains(key(i + 1))
    }

    /// Motorways: "M" and the number of one in Britain ("M5", "M62"); "M14" is Manchester's district only.
    static let motorwayNumbers: Set<Int> = [
        1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 18, 20, 23, 25, 26, 27, 40, 42, 45, 48, 49, 50, 53, 54, 55, 56, 57, 58, 60, 61,
        62, 65, 66, 67, 69, 73, 74, 75, 76, 77, 80, 90,
    ]

    static func isMotorway(_ upper: String) -> Bool {
        upper.hasPrefix("M") && Int(upper.dropFirst()).map { motorwayNumbers.contains($0) } == true
    }

    /// "they all live in M40", "moved to M8": where a person lives is no motorway.
    func livesIn(_ i: Int) -> Bool {
        let homes = ["live", "lives", "living", "lived", "moved", "based", "stays", "staying", "housed", "placed"]
        return key(i - 1).isOne(of: ["lives", "living"])
            || key(i - 1).isOne(of: ["in", "to"]) && homes.contains(key(i - 2))
    }

    /// After a code, what makes it no postcode: a road's junctions, a vitamin's dose.
    static let notPostcodeAfter = Vocab.set(
        """
        junction junctions jct j services corridor motorway northbound southbound eastbound westbound toll slip
        injection injections jab jabs deficiency tablets supplement supplements levels
        """)

    /// "PR1 6 area", "E1 4 something", "Ocean Est E1 4": the digit of the code's sector after it, with whether a word
    /// after it names it so ("area", "something"); a sector at the end of a clause needs another cue.
    func sectorAfter(_ i: Int) -> (end: Int, cued: Bool)? {
        guard let n = at(i + 1), n.kind == .number, n.length == 1, n.start - info[i].end == 1 else { return nil }
        let k = key(i + 2)
        if k.isOne(of: ["area", "something", "sector", "postcode", "summat", "somewhere"]) { return (i + 1, true) }
        if i + 2 >= tokens.count || [",", ".", ";", ")", "-", "–", "?", "!"].contains(k) { return (i + 1, false) }
        return nil
    }

    /// A postcode word earlier in the sentence, up to ten words back ("postcode for ettingshall is wv14",
    /// "Postcode-wise it's …").
    func postcodeWordBefore(_ i: Int) -> Bool {
        var j = i - 1
        while j >= 0, i - j <= 10 {
            if info[j].isPunct(".!?;") { return false }
            if key(j).isOne(of: ["postcode", "postcodes"]) || key(j).equals("code") && key(j - 1).equals("post") {
                return true
            }
            j -= 1
        }
        return false
    }

    /// "b21 not b12": two outward codes, one correcting the other.
    func correctedCode(_ i: Int) -> Bool {
        key(i + 1).equals("not") && outwardAt(i + 2) || key(i - 1).equals("not") && outwardAt(i - 2)
    }

    /// A postcode found a few words before in the same sentence, then a joining or correcting word ("wv14 i think not
    /// wv2", "bee bee one, mostly, bee bee one and …"), and no other number between.
    func codeSaidBefore(_ i: Int) -> Bool {
        guard i > 0, let prev = candidates.last(where: { $0.label == .postcode && $0.end <= info[i].start }) else {
            return false
        }
        var j = i - 1
        var joined = false
        while j >= 0, info[j].start >= prev.end {
            if i - j > 7 || info[j].isPunct(".!?;") || info[j].kind == .number || info[j].kind == .alnum {
                return false
            }
            if key(j).isOne(of: ["not", "and", "or", "sorry", "no", "then", "plus", "also"]) || info[j].isPunct(",/&+")
            {
                joined = true
            }
            j -= 1
        }
        return joined
    }

    /// "P2: and b20": a turn that is only "and" and a code goes on from another speaker's list of codes.
    func goesOnFromAnother(_ i: Int) -> Bool {
        guard key(i - 1).isOne(of: ["and", "or", "plus", "also"]) else { return false }
        let opens = i == 1 || i == 3 && key(1).equals(":")
        return opens && tok(i + 1).map { $0.kind == .word || $0.kind == .punct } ?? true
    }

    /// The place a code belongs to just before it: an estate word ("Pembury Est E8", "the Ocean Estate E1"), a listed
    /// town ("Kirkby L32"), or a place with "the" set off by a comma ("on the Pembury, E8"); in capitals.
    func placeBefore(_ i: Int, lowerCase: Bool) -> Bool {
        var p = i - 1
        if key(p).equals("."), !info[p].spaceBefore { p -= 1 }
        if key(p).isOne(of: ["estate", "est", "estates"]) { return true }
        guard !lowerCase else { return false }
        if key(p).equals(",") { p -= 1 }
        if p < i - 1, addressBefore(p) { return true }
        guard let w = tok(p), w.kind == .word, w.capitalised, !w.allCaps, w.length >= 3,
            !Self.notPostcodeBefore.contains(w.key), !Self.roomWords.contains(w.key)
        else { return false }
        // Session 18: a big city straight before its code ("Sheffield S5", "Liverpool L8"), not a motorway's.
        return on(.town, p) || p == i - 1 && on(.bigPlace, p) || p < i - 1 && key(p - 1).equals("the")
            || p == i - 1 && key(p - 1).isOne(of: ["in", "from", "near"])
    }

    /// Session 18: "flat 2, LS9", "address: house 14, BD3": the code after an address's flat or house number and a
    /// comma.
    func addressBefore(_ p: Int) -> Bool {
        (max(0, p - 3)...p).contains { key($0).isOne(of: ["flat", "flt", "apt", "apartment", "house", "address"]) }
            && (at(p)?.kind == .number || at(p)?.kind == .alnum || Vocab.streetHeads.contains(key(p)))
    }

    /// "Okafor fam - M16 - closed": the code is a whole field of a note, set off by spaced dashes, bars or arrows.
    func wholeNoteField(_ i: Int) -> Bool {
        func mark(_ k: Int) -> Bool {
            guard let t = at(k), t.isPunct("-–|→>") else { return false }
            return t.isPunct(">") ? key(k - 1).equals("-") : t.spaceBefore
        }
        let opens = mark(i - 1) && info[i].spaceBefore
        // Session 16: "– BD8? check": a two-letter area's code questioned closes the field too.
        let twoLetters = tokens[i].key.prefix { $0.isLetter }.count == 2
        let closes =
            i + 1 >= tokens.count || mark(i + 1) && at(i + 1)!.spaceBefore
            || twoLetters && key(i + 1).equals("?") && !info[i + 1].spaceBefore
        // "Year 9 - B2 - French": a grade after a number is no place; a two-letter area's code is no grade ("Tariq H
        // 14 - OL11 - snap map": an age before it, session 16).
        return opens && closes && !key(i - 2).isEmpty && (at(i - 2)?.kind != .number || twoLetters)
    }

    /// A building's parts named by a letter and a number ("in Room B2", "Block E4"): no place before a code.
    static let roomWords = Vocab.set(
        "room block hall wing ward unit floor building lab studio suite level zone court category cat tier scale type pay"
    )

    /// "she's in", "pupils in", "he is now in": a pupil's year follows ("she's in S4"), not a district.
    func yearGroupBefore(_ k: Int) -> Bool {
        guard key(k).equals("in") else { return false }
        let w = key(k - 1)
        return [
            "s", "is", "was", "now", "still", "be", "been", "being", "pupils", "kids", "children", "he", "she",
            "they", "both", "all", "year", "girls", "boys", "son", "daughter", "lad", "girl", "boy", "hes", "shes",
            "his", "her", "im", "m", "were", "are",
        ].contains(w)
            || Vocab.relations.contains(w)
    }

    /// Token `k` is an outward code standing alone ("LS11", "B8", "cf5").
    func outwardAt(_ k: Int) -> Bool {
        guard let t = tok(k), t.kind == .alnum, t.length <= 4, standalone(k, k) else { return false }
        return Self.isOutward(t.text.uppercased())
    }

    /// "cf5 is the postcode", "NG7's their area": the code, then a copula and a determiner, then what it is.
    func postcodeNamedAfter(_ i: Int) -> Bool {
        var j = i + 1
        if key(j).equals("'") || key(j) == "’", key(j + 1).equals("s") {
            j += 2
        } else if key(j).isOne(of: ["is", "was", "=", "-"]) {
            j += 1
        } else {
            return false
        }
        if key(j).isOne(of: ["the", "their", "her", "his", "our", "my", "a"]) { j += 1 }
        // "cf5 is the Ely postcode": the place it stands for may come between.
        for k in j...(j + 2) where key(k).isOne(of: ["postcode", "postcodes", "area", "district"]) {
            return (j..<k).allSatisfy { info[$0].kind == .word }
        }
        return false
    }

    /// What follows a list of outward codes that makes them places: people or areas named by their postcode ("the
    /// B8 and B9 kids", "LS11 / LS10 = hotspots"); a motorway, a grade or a size is followed by none of these.
    static let postcodeListNouns = Vocab.set(
        """
        kids lads boys girls youngsters yp yps families crew crews gang gangs lot mob estates estate hotspots hotspot
        areas area postcodes districts patches ends sides kid lad boy girl family fam
        """)

    /// Before a code, what makes it no postcode: a school year, a room, a size, a level, a road's junction.
    static let notPostcodeBefore = Vocab.set(
        "year key stage ks form class set group room size level grade band junction jct platform gate bay seat row")

    /// Token `i` is one of two or more outward codes listed together ("the B8 and B9 kids", "LS11 / LS10 / LU4 =
    /// hotspots", "b21, b20 and b6 area"): the list is of places when a place noun or a people noun follows it, a
    /// place cue comes before it, or (in capitals) it holds a two-letter area with its district, which alone is a
    /// postcode already. One code alone is a place before such a noun ("the B8 kids"). A school year (Scottish
    /// `S1`–`S6` too), a motorway or a size is none of these.
    func outwardList(at i: Int, lowerCase: Bool) -> Bool {
        guard outwardAt(i) else { return false }
        func joiner(_ k: Int) -> Bool {
            tok(k).map { $0.isPunct(",/&+|") || ["and", "or", "vs", "v", "versus"].contains($0.key) } ?? false
        }
        var a = i
        while a >= 2, joiner(a - 1), outwardAt(a - 2) { a -= 2 }
        if a >= 3, key(a - 1).equals("and") || key(a - 1).equals("or"), key(a - 2).equals(","), outwardAt(a - 3) {
            a -= 3
        }
        var b = i
        while true {
            if joiner(b + 1), outwardAt(b + 2) {
                b += 2
            } else if key(b + 1).equals(","), key(b + 2).isOne(of: ["and", "or"]), outwardAt(b + 3) {
                b += 3
            } else {
                break
            }
        }
        let codes = (a...b).filter { info[$0].kind == .alnum }
        // Written all in one case: "B8 and b9" is no list of codes.
        let upper = codes.map { tokens[$0].text == tokens[$0].text.uppercased() }
        guard upper.allSatisfy({ $0 == !lowerCase }) else { return false }
        if codes.contains(where: { Self.schoolYear(key($0)) || Self.scottishYear(key($0)) }) { return false }
        if Self.notPostcodeBefore.contains(key(a - 1)) { return false }
        // Session 16: "B30 vs B29 beef": areas set against each other; not motorways ("M6 vs M62").
        let against = (a...b).contains { key($0).isOne(of: ["vs", "v", "versus"]) }
        if against { return !codes.contains { Self.isMotorway(tokens[$0].text.uppercased()) } }
        // "= hotspots", "- the estates", "are the kids": a link between the list and its noun.
        var n = b + 1
        if ["=", "-", ":", "–", "are", "were", "is"].contains(key(n)) { n += 1 }
        if key(n).isOne(of: ["the", "our", "all", "both", "main", "worst"]) { n += 1 }
        // One code alone before such a noun too ("the B8 kids", "ts3 lot").
        if Self.postcodeListNouns.contains(key(n)) { return true }
        // "B10 / B11 / B8 – hot spots?": the list's noun written as two words.
        if key(n).equals("hot"), key(n + 1).isOne(of: ["spots", "spot"]), codes.count >= 2 { return true }
        guard codes.count >= 2 else { return false }
        if key(a - 1).isOne(of: ["in", "around", "from", "near", "across", "covering"]) { return true }
        // In capitals one two-letter area makes the list codes; in lower case ("bd3 / bd4") every one must be.
        let twoLetters = codes.filter { tokens[$0].key.prefix { $0.isLetter }.count == 2 }
        return lowerCase ? twoLetters.count == codes.count : !twoLetters.isEmpty
    }

    /// Scottish secondary years ("S1"–"S6"): a pupil's year, not Sheffield's districts.
    static func scottishYear(_ key: String) -> Bool {
        key.count == 2 && key.first == "s" && ("1"..."6").contains(key.last!)
    }

    static let vehicleCues = Vocab.set(
        """
        car reg regs registration plate plates vehicle van motor bike taxi cab motorbike moped drives driving
        numberplate
        """)

    /// Three letters that are a note's abbreviation, not a plate's back half ("NK 14 MFH x3": initials, an age, then
    /// missing from home).
    static let notPlateLetters = Vocab.set(
        """
        mfh lac cse cce dsl yot sen cin cpp pru nfa rhi asb cla ehc sgo pcc cid fgm nrm ehm ico msp aap mhs gps cyp
        yrs dob nhs gcs smt slt cwd sgl pep iep
        """)

    /// Northern Ireland's county codes: the last two letters of a plate like "OXZ 9140".
    static let northernIrishCodes = Vocab.set(
        "az bz cz dz ez fz gz hz ia ib ig ij il iw jz kz lz mz nz oi oz pz rz sz tz ui uz vz wz xi xz yz")

    func vehicle(at i: Int) -> Int? {
        let t = tokens[i]
        // Northern Ireland: a letter, a county code and up to four digits ("OXZ 9140": in capitals and not a year, or after a cue).
        // Session 16: not when its number goes on in groups ("the YOI 298 658 1609": an NHS number after "YOI").
        if t.kind == .word, t.length == 3, let n = tok(i + 1), n.kind == .number, (1...4).contains(n.length),
            n.start - t.end == 1, !(tok(i + 2).map { $0.kind == .number && $0.start - n.end == 1 } ?? false),
            Self.northernIrishCodes.contains(String(t.key.suffix(2))), standalone(i, i + 1),
            (max(0, i - 6)..<i).contains(where: { onGated(.vehicleCues, $0) })
                || t.allCaps && !(n.length == 4 && (n.text.hasPrefix("19") || n.text.hasPrefix("20")))
        {
            return i + 1
        }
        // Asked only of the tokens that could start a plate: six set look-ups for every token were a scan's 1.5%.
        lazy var cue = (max(0, i - 6)..<i).contains { onGated(.vehicleCues, $0) }
        // Northern Ireland after a cue: the older plates, a county code alone and up to four digits ("LZ 5678"), and
        // any of its plates typed without the space ("ABZ1234").
        if t.kind == .word, t.length == 2, cue, Self.northernIrishCodes.contains(t.key), let n = at(i + 1),
            n.kind == .number, (1...4).contains(n.length), n.start - t.end == 1, standalone(i, i + 1)
        {
            return i + 1
        }
        if t.kind == .alnum, cue || t.allCaps {
            let letters = t.key.prefix { $0.isLetter }
            let digits = t.key.dropFirst(letters.count)
            if letters.count == 2 || letters.count == 3, (1...4).contains(digits.count), digits.allSatisfy(\.isNumber),
                cue || letters.count == 3, Self.northernIrishCodes.contains(String(letters.suffix(2))), standalone(i, i)
            {
                return i
            }
        }
        // Each asks `cue` only of the tokens that could start its plate (the look-back was 2% of a scan).
        if t.kind == .word, t.length == 2, let e = spacedCurrentPlate(at: i, cue: cue) { return e }
        if t.kind == .alnum, t.length == 4, partialPlate(at: i, cue: cue) { return i }
        if lowerCaseCurrentPlate(at: i) { return i }
        guard
            // `length` is the text's scalar count (`text.unicodeScalars.count` walked the String: 1% of a scan).
            t.kind == .alnum && t.length <= 7
                || t.kind == .word && t.length == 3 && at(i + 1)?.kind == .alnum
        else { return nil }
        for (end, s) in compact(from: i, maxTokens: 2) where end > i || t.kind == .alnum {
            let raw = (i...end).map { tokens[$0].text }.joined()
            let isUpper = raw == raw.uppercased()
            guard isUpper || cue else { continue }
            let u = Array(s.unicodeScalars)
            func letter(_ k: Int) -> Bool { u[k].properties.isAlphabetic && u[k].value < 128 }
            func digit(_ k: Int) -> Bool { u[k].value >= 48 && u[k].value <= 57 }
            var ok = false
            if u.count == 7 && letter(0) && letter(1) && digit(2) && digit(3) && letter(4) && letter(5) && letter(6) {
                ok = true
            } // AB12 CDE
            if u.count >= 5 && u.count <= 7 && letter(0) { // A123 BCD
                let digits = u.dropFirst().prefix { $0.value >= 48 && $0.value <= 57 }.count
                if digits >= 1 && digits <= 3 && u.count == 1 + digits + 3 && (1 + digits..<u.count).allSatisfy(letter)
                {
                    ok = true
                }
            }
            if u.count >= 5 && u.count <= 7 && letter(0) && letter(1) && letter(2) { // ABC 123D
                let digits = u.dropFirst(3).prefix { $0.value >= 48 && $0.value <= 57 }.count
                if digits >= 1 && digits <= 3 && u.count == 3 + digits + 1 && letter(u.count - 1) { ok = true }
            }
            guard ok, standalone(i, end) else { continue }
            // The two-part forms must split where the format splits.
            if end > i {
                let firstLen = tokens[i].text.unicodeScalars.count
                if !(firstLen == 4 && u.count == 7 && digit(3)) && !(firstLen == u.count - 3 && digit(firstLen - 1))
                    && !(firstLen == 3 && letter(0) && letter(1) && letter(2))
                {
                    continue
                }
                // "plate ktn 482v": in lower case, only straight after its cue.
                if info[i].kind == .word && info[i].length == 3, !isUpper,
                    !Self.vehicleCues.contains(key(i - 1))
                {
                    continue
                }
                if Vocab.notNames.contains(tokens[end].key) && !isUpper { continue }
                // "P3 EDT social worker": a participant code (P + one digit) before a team's initials, with no cue.
                if !cue, tokens[i].key.count == 2, tokens[i].key.first == "p" { continue }
            }
            return end
        }
        return nil
    }

    /// "WU 14 BHK": a current plate typed with a space inside its first half too. Held to the format: two letters
    /// (no I, Q or Z), an age identifier (02–29 for March, 51–79 for September), three letters (no I or Q); in
    /// capitals, or any case after a vehicle cue.
    func spacedCurrentPlate(at i: Int, cue: Bool) -> Int? {
        guard let t = tok(i), t.kind == .word, t.length == 2, let n = tok(i + 1), n.kind == .number, n.length == 2,
            let l = tok(i + 2), l.kind == .word, l.length == 3, n.start - t.end == 1, l.start - n.end == 1,
            standalone(i, i + 2), cue || t.allCaps && l.allCaps, let age = Int(n.text),
            (2...29).contains(age) || (51...79).contains(age)
        else { return nil }
        let front = t.text.uppercased().unicodeScalars
        let back = l.text.uppercased().unicodeScalars
        guard front.allSatisfy({ $0.value >= 65 && $0.value <= 90 && !"IQZ".unicodeScalars.contains($0) }),
            back.allSatisfy({ $0.value >= 65 && $0.value <= 90 && !"IQ".unicodeScalars.contains($0) })
        else { return nil }
        // "YP 15 YRS", "SW 14 AND": a note typed in capitals says words there; a plate's letters are no word.
        // Session 13: nor a note's abbreviation ("NK 14 MFH x3", `structured8`), nor a person's initials, their age
        // and a practice abbreviation ("QV 15 MFH x2", `people8`).
        if !cue,
            gazetteer.isWord(l.key) || Self.ageUnits.contains(l.key) || isShouted()
                || Self.notPlateLetters.contains(l.key) || Self.practiceAcronyms.contains(l.key)
        {
            return nil
        }
        return i + 2
    }

    /// "we had yd17kxr": a current plate typed in lower case in one piece, held to the format (the front without I,
    /// Q or Z, an age identifier, three letters without I or Q, not a note's abbreviation), and not a handle.
    func lowerCaseCurrentPlate(at i: Int) -> Bool {
        guard let t = tok(i), t.kind == .alnum, t.length == 7, t.text == t.key, standalone(i, i) else { return false }
        let u = t.text.uppercased()
        guard Self.isPlateFront(String(u.prefix(4))) else { return false }
        let back = u.unicodeScalars.suffix(3)
        guard back.allSatisfy({ $0.value >= 65 && $0.value <= 90 && !"IQ".unicodeScalars.contains($0) }),
            !Self.notPlateLetters.contains(String(t.key.suffix(3)))
        else { return false }
        // "@yd17kxr", "snap yd17kxr": a handle.
        if let p = at(i - 1), p.isPunct("@_."), !info[i].spaceBefore { return false }
        return !(max(0, i - 4)..<i).contains { Self.anyHandleCue.contains(key($0)) }
    }

    /// "reg partial MV21…", "the plate started WU69...": the front half of a current plate (two letters, an age
    /// identifier) after a vehicle cue, marked as partial by an ellipsis after it or a word like "partial" before.
    func partialPlate(at i: Int, cue: Bool) -> Bool {
        guard cue, let t = tok(i), t.kind == .alnum, t.length == 4, standalone(i, i),
            Self.isPlateFront(t.text.uppercased())
        else { return false }
        // "started with BD51 SMR": the whole plate is there.
        if let n = at(i + 1), n.kind == .word, n.length == 3, n.start - t.end == 1 { return false }
        let ellipsis = key(i + 1) == "…" || key(i + 1).equals(".") && key(i + 2).equals(".") && key(i + 3).equals(".")
        let partial = (max(0, i - 3)..<i).contains {
            key($0).isOne(of: ["partial", "part", "half", "started", "starts"])
        }
        return ellipsis || partial
    }

    // MARK: Hospital numbers

    /// Session 15 (`health11`): a hospital number after its cue ("hosp no RX4 558213", "hosp no. K4821937", "the
    /// hospital number, we've got him on as W1 0082715", "MRN 4471902"), and each number of the same kind after it
    /// in the sentence ("… and another with RX4 603112", "hosp nos RX4 601947 / RX4 603112"). CASE_REF: the label
    /// sheet has no label of its own for them and its writers mark them so.
    mutating func findHospitalNumbers() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .word, (3...8).contains(info[i].length) else { continue }
            var j: Int
            if key(i).isOne(of: ["mrn", "mrns"]) {
                j = i + 1
            } else if key(i).isOne(of: ["hospital", "hosp"]) {
                j = key(i + 1).equals(".") ? i + 2 : i + 1
                guard key(j).isOne(of: ["no", "nos", "number", "numbers", "num", "#"]) else { continue }
                j += 1
            } else {
                continue
            }
            // The sentence the cue is in: a number up to ten tokens after the cue or the last number found.
            var last = j
            while j < tokens.count, j - last <= 10 {
                if info[j].isPunct("!?;") || info[j].isPunct(".") && j > last && key(j - 1).count > 3 { break }
                if let e = hospitalNumber(at: j), !covered(j) {
                    add(.caseRef, tokens: j, e)
                    j = e + 1
                    last = j
                    continue
                }
                j += 1
            }
            i = max(i, last - 1)
        }
    }

    /// A hospital number's shape at `i`: one to three capitals with a digit or two and a run of six to eight digits
    /// ("RX4 558213", "W1 0082715"); a capital or two glued to six to nine digits ("K4821937"); six to ten digits.
    func hospitalNumber(at i: Int) -> Int? {
        guard let t = at(i), standalone(i, i) else { return nil }
        let text = tokens[i].text
        if t.kind == .alnum, text == text.uppercased(), let n = at(i + 1), n.kind == .number, n.spaceBefore,
            (6...8).contains(n.digits), standalone(i + 1, i + 1)
        {
            let letters = text.prefix { $0.isLetter }.count
            if (1...3).contains(letters), text.count - letters == t.digits, (1...2).contains(t.digits) { return i + 1 }
        }
        if t.kind == .alnum, text == text.uppercased() {
            let letters = text.prefix { $0.isLetter }.count
            if (1...2).contains(letters), text.count - letters == t.digits, (6...9).contains(t.digits) { return i }
        }
        if t.kind == .number, (6...10).contains(t.digits) { return i }
        return nil
    }

    // MARK: Case references

    mutating func findCaseRefs() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if covered(i) { continue }
            // After a cue: "crime ref 43/12345/23", "case number: 123456", "incident 4521".
            // "CRIS" in capitals: "Cris" is a given name too.
            if inSet(.caseCues, i) || onGated(.moreCaseSystems, i) && (info[i].allCaps || !key(i).equals("cris")) {
                var j = i + 1
                var fillers = 0
                while j < tokens.count, Vocab.caseFillers.contains(tokens[j].key), fillers < 3 {
                    j += 1
                    fillers += 1
                }
                if let e = refRun(from: j), !covered(j) {
                    let d = (j...e).reduce(0) { $0 + info[$1].digits }
                    let hasSep =
                        (j...e).contains { info[$0].kind == .punct } || (j...e).contains { info[$0].kind == .alnum }
                    let lone = (j...e).count == 1 ? tokens[j].text : ""
                    let year = lone.count == 4 && (lone.hasPrefix("19") || lone.hasPrefix("20"))
                    if (d >= 4 && !year) || (d >= 3 && hasSep), !isNumericDate(j, e) {
                        add(.caseRef, tokens: j, e)
                        i = e
                        continue
                    }
                }
                // A few words on: "on Mosaic it's under 4471902", "the CAD for that night was 2231-0917".
                var k = j
                while k < tokens.count, k - i <= 12,
                    !info[k].isPunct(".!?;") || (k + 1 < tokens.count && !info[k + 1].spaceBefore)
                {
                    if info[k].digits > 0 {
                        // "is SC/23/04417": the letters before the first slash are part of the reference.
                        if k >= 2, info[k - 1].isPunct("/-"), !info[k - 1].spaceBefore, !info[k].spaceBefore,
                            info[k - 2].allCaps || info[k - 2].length == 1 && info[k - 2].capitalised,
                            !covered(k - 2)
                        {
                            k -= 2
                        }
                        if let e = refRun(from: k), !covered(k) {
                            let d = (k...e).reduce(0) { $0 + info[$1].digits }
                            let hasSep = (k...e).contains { info[$0].kind == .punct || info[$0].kind == .alnum }
                            // "the CAD for the night she went missing was 4471": four digits said as the number.
                            let said =
                                d == 4 && k == e
                                && (key(k - 1).isOne(of: ["was", "is", "it's", "number", "no", ":", "#"])
                                    // "put it on as a log, 4521, and": the number set off by a comma after its cue.
                                    || key(k - 1).equals(",") && k == i + 2 && ageBreak(after: k))
                                && !(tokens[k].text.hasPrefix("19") || tokens[k].text.hasPrefix("20"))
                                && !(tok(k + 1).map { Self.ageUnits.contains($0.key) && !$0.isPunct(".") } ?? false
                                    && !loggedOnADate(k))
                            if (d >= 5 || (d >= 4 && hasSep) || said) && !isNumericDate(k, e) {
                                add(.caseRef, tokens: k, e)
                                i = e
                            }
                        }
                        break
                    }
                    k += 1
                }
                if i >= j { continue }
            }
            // "GB62LOYD64653942446227": an IBAN with a wrong check digit is a typo, not a case reference.
            if Self.ibanShaped(tokens[i].text) { continue }
            // "24MIS019933": a reference that opens with its year.
            if info[i].kind == .alnum, Self.yearSystemReference(tokens[i].text), standalone(i, i) {
                add(.caseRef, tokens: i, i)
                continue
            }
            // Stand-alone: "CR-2023-0045", "SC/22/01234", "43/12345/23", "MOS123456".
            if let e = refRun(from: i), e > i || info[i].kind == .alnum,
                !(i...e).allSatisfy({ info[$0].isPunct("-/") || Self.schoolYear(tokens[$0].key) })
            {
                let run = Array(i...e)
                let d = run.reduce(0) { $0 + info[$1].digits }
                let seps = run.filter { info[$0].kind == .punct }
                let first = tokens[i]
                if first.allCaps || (first.kind == .alnum && first.text == first.text.uppercased()) {
                    let letterPrefix = first.text.prefix { $0.isLetter }.count
                    if d >= 4
                        && (seps.count >= 1
                            || (first.kind == .alnum && letterPrefix >= 2 && letterPrefix <= 4 && first.digits >= 5
                                && run.count == 1)
                            // Session 15 (`health11`): "had K4829110 at St Aidan's": a hospital number's shape, one
                            // capital and seven digits or more.
                            || (first.kind == .alnum && letterPrefix == 1 && first.digits >= 7
                                && first.text.count == 1 + first.digits && run.count == 1))
                    {
                        add(.caseRef, tokens: i, e)
                        i = e
                        continue
                    }
                }
                if first.kind == .number && seps.count >= 2 && seps.allSatisfy({ tokens[$0].text == "/" }) && d >= 6
                    && !isNumericDate(i, e)
                {
                    add(.caseRef, tokens: i, e)
                    i = e
                    continue
                }
            }
        }
    }

    /// Case systems named like a cue (session 13): the Met's crime and missing-person systems ("CRIS 5201889/24",
    /// "the Merlin was 24MIS019933"), kept off `Vocab.caseCues` so the labeller's features stay as trained.
    static let moreCaseSystems = Vocab.set("cris merlin")

    /// "24MIS019933": a year's digits, a system's two to four capitals, then five digits or more.
    static func yearSystemReference(_ text: String) -> Bool {
        let u = Array(text.unicodeScalars)
        func digit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        let lead = u.prefix(while: digit).count
        let letters = u.dropFirst(lead).prefix { $0.value >= 65 && $0.value <= 90 }.count
        let rest = u.dropFirst(lead + letters)
        return lead == 2 && (2...4).contains(letters) && rest.count >= 5 && rest.allSatisfy(digit)
    }

    /// "1187 of 4 Feb", "2231 of the 12th": a log's number, then the day it was logged on (logs are numbered by day).
    func loggedOnADate(_ k: Int) -> Bool {
        guard key(k + 1).equals("of") else { return false }
        let d = key(k + 2).equals("the") ? k + 3 : k + 2
        return dateExpression(at: d, allowYearAlone: false) != nil || ordinal(d) && at(d)?.kind == .alnum
    }

    /// "Y10", "yr11": a school year (so "Y10-Y11" is no reference).
    static func schoolYear(_ key: String) -> Bool {
        let letters = key.prefix { !$0.isNumber }
        guard letters == "y" || letters == "yr", let v = Int(key.dropFirst(letters.count)) else { return false }
        return (1...13).contains(v)
    }

    /// Two capitals, two digits, four capitals, then 10–30 digits: a (British-style) IBAN's shape.
    static func ibanShaped(_ text: String) -> Bool {
        // Asked of every token: most are too short, known from the byte count without building the scalars.
        guard text.utf8.count >= 18 else { return false }
        let u = Array(text.unicodeScalars)
        guard u.count >= 18, u.count <= 34 else { return false }
        func upper(_ k: Int) -> Bool { u[k].value >= 65 && u[k].value <= 90 }
        func digit(_ k: Int) -> Bool { u[k].value >= 48 && u[k].value <= 57 }
        return upper(0) && upper(1) && digit(2) && digit(3) && (4..<8).allSatisfy(upper)
            && (8..<u.count).allSatisfy(digit)
    }

    /// Glued tokens from `i` of digits, letters and / - (a reference's shape), ending on a word-like token.
    func refRun(from i: Int) -> Int? {
        // "L-0566/24": one capital letter before a hyphen starts a reference too.
        guard let t = tok(i), t.isWordLike,
            t.digits > 0 || (t.allCaps && t.length <= 5) || t.key.equals("cr")
                || (t.length == 1 && t.capitalised && key(i + 1).equals("-") && at(i + 2)?.kind == .number)
        else { return nil }
        var e = i
        var j = i + 1
        while j < tokens.count, !info[j].spaceBefore {
            if info[j].kind == .punct {
                guard info[j].isPunct("/-"), let n = at(j + 1), !n.spaceBefore, n.isWordLike else { break }
                j += 1
                continue
            }
            e = j
            j += 1
        }
        let d = (i...e).reduce(0) { $0 + info[$1].digits }
        return d > 0 ? e : nil
    }

    func isNumericDate(_ a: Int, _ b: Int) -> Bool {
        let parts = (a...b).filter { info[$0].kind == .number }.map { Int(tokens[$0].text) ?? -1 }
        let lens = (a...b).filter { info[$0].kind == .number }.map { info[$0].length }
        // "made the referral 10/01": a day and a month.
        if parts.count == 2, lens[0] <= 2, lens[1] <= 2, b - a == 2 {
            return (1...31).contains(parts[0]) && (1...12).contains(parts[1])
        }
        guard parts.count == 3, lens[0] <= 2, lens[1] <= 2, lens[2] == 2 || lens[2] == 4 else { return false }
        return (1...31).contains(parts[0]) && (1...12).contains(parts[1])
    }

    // MARK: Dates of birth

    mutating func findDatesOfBirth() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let k = key(i)
            var cueEnd: Int?
            if k.equals("born") || k.equals("dob") || k.equals("birthday") || k.equals("bday") || k.equals("birthdate")
            {
                cueEnd = i
            } else if k.equals("d"), key(i + 1).equals("."), key(i + 2).equals("o"), key(i + 3).equals("."),
                key(i + 4).equals("b")
            {
                cueEnd = key(i + 5).equals(".") ? i + 5 : i + 4
            } else if k.equals("date"), key(i + 1).equals("of"), key(i + 2).equals("birth") {
                cueEnd = i + 2
            } else if k.equals("birth"), key(i + 1).equals("date") {
                cueEnd = i + 1
            } else if k.equals("b"), isApostrophe(i + 1), key(i + 2).equals("day") {
                cueEnd = i + 2
            }
            // "b. 30.01.10": a bare "b." is a birth date only with the date straight after.
            if k.equals("b"), key(i + 1).equals("."), !info[i + 1].spaceBefore,
                let e = dateExpression(at: i + 2, allowYearAlone: false),
                e - (i + 2) >= 2, !covered(i + 2)
            {
                add(.dateOfBirth, tokens: i + 2, e)
                i = e
                continue
            }
            // "12/03/2009 (dob)", "3 May 2010 - DOB": the cue after the date.
            if cueEnd == nil, info[i].kind == .number, !covered(i),
                let e = dateExpression(at: i, allowYearAlone: false),
                e - i >= 2, hasYear(i, e), birthCueAfter(e)
            {
                add(.dateOfBirth, tokens: i, e)
                i = e
                continue
            }
            // "chantelle is 17/01/2005": a person who "is" a whole date was born on it.
            let who = key(i - 1).equals("is") ? i - 2 : key(i - 1).equals("s") && isApostrophe(i - 2) ? i - 3 : -1
            if cueEnd == nil, who >= 0, info[i].kind == .number, !covered(i), info[who].kind == .word,
                gazetteer.isGiven(key(who)), !gazetteer.isAmbiguous(key(who)), !gazetteer.isWord(key(who)),
                let e = dateExpression(at: i, allowYearAlone: false), e - i >= 2, hasYear(i, e)
            {
                add(.dateOfBirth, tokens: i, e)
                i = e
                continue
            }
            guard let ce = cueEnd else { continue }
            var j = ce + 1
            // "DOB 12 03 2009": day, month and year as numbers split by spaces alone, after the cue.
            if let e = spacedNumericDate(at: j) {
                add(.dateOfBirth, tokens: j, e)
                i = e
                continue
            }
            var fillers = 0
            while j < tokens.count, fillers < 4,
                [
                    "is", "was", "on", "in", "the", ":", "-", "–", "'", "’", "s", "of", "=", ",", "back", "around",
                    "about", "?", "(", "as",
                ].contains(tokens[j].key)
            {
                j += 1
                fillers += 1
            }
            if let e = dateExpression(at: j, allowYearAlone: k.equals("dob")) {
                add(.dateOfBirth, tokens: j, e)
                i = correctedBirthDate(from: j, after: e) ?? e
                continue
            }
            // "DOB for the youngest is 3/4/2011", "born on a Tuesday, 12th May 2009": a few words on, a full date.
            // Session 8: "her birthday, and she was clear on this, is 28th August": further on and without its
            // year when "is" or "'s" hands the cue its date, and no other date ("the court date is …") comes between.
            // Session 10: after "date of birth" or "DOB" (not "born", not "birthday"), a whole date with its year up
            // to 24 words on, and into the next sentence when the cue's own ends soon after it and the date opens
            // that sentence or is handed to it ("date of birth was, hang on … put her down as first of January two
            // thousand and three", "DOB? Um. The ninth of …", "her date of birth was wrong. They had her as …").
            let recordCue = !k.equals("born") && !k.equals("birthday") && !k.equals("bday") && !k.equals("b")
            var crossed = false
            var m = j
            var otherDate = false
            while m < tokens.count, m - ce <= 24 {
                if info[m].isPunct(".!?;"), !(m + 1 < tokens.count && !info[m + 1].spaceBefore) {
                    guard recordCue, !crossed, m - ce <= 14 else { break }
                    crossed = true
                    m += 1
                    continue
                }
                if Self.otherDateNouns.contains(key(m)) { otherDate = true }
                // "is 3rd June", "was the ninth of May", "put her down as the first of …".
                let h = key(m - 1).equals("the") ? m - 2 : m - 1
                let handed =
                    !otherDate
                    && (key(h).isOne(of: ["is", "was", "as"]) || key(h).equals("s") && isApostrophe(h - 1))
                if m - ce <= 14 || handed || recordCue && !otherDate,
                    let e = dateExpression(at: m, allowYearAlone: false), !covered(m),
                    e - m >= 2 || handed, m - ce <= 14 && !crossed || handed || hasYear(m, e),
                    // In the next sentence, only a date handed to it or opening it.
                    !crossed || handed || info[m].sentenceStart || at(m - 1)?.sentenceStart == true
                {
                    add(.dateOfBirth, tokens: m, e)
                    i = correctedBirthDate(from: m, after: e) ?? e
                    break
                }
                m += 1
            }
        }
        findUncuedBirthDates()
    }

    /// Words before a whole date that make it an event's day, not a birth date ("arrested on 3 May 2019", "the
    /// incident of 12/03/2019", "missing since 1 Jan 2018").
    static let eventDateWords = Vocab.set(
        """
        incident arrested charged sentenced convicted missing since until till from between dated logged started
        left moved moving happened reported referred referral hearing court meeting mtg appointment appt review
        conference deadline date trial interview visit visited
        """)

    /// Session 16 (`traffic12`): a whole date — day, month and year, written or said — whose year is 1980 to 2020 is a
    /// date of birth even with no cue or with its cue sentences away ("01/01/2009 which is obviously the default HO
    /// gives them", "6 boys with 1 Jan 2008 in one hotel", "Brutal. Twenty-fourth of June, two thousand and six."):
    /// in the groups' talk, the only whole dates years back are people's births; meetings, hearings and incidents
    /// are this year's or last. Quiet: a whole date after an event's word ("arrested on 3 May 2019"), a recent one
    /// ("adjourned to 12/06/2024"), a month and year alone ("in May 2009"), a version number ("1.7.00.1864").
    mutating func findUncuedBirthDates() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let kind = info[i].kind
            guard kind == .number || kind == .alnum || kind == .word, !covered(i) else { continue }
            guard kind != .word || ordinalWord(i) != nil || isMonth(i) else { continue }
            guard let e = dateExpression(at: i, allowYearAlone: false), e - i >= 2,
                hasYear(i, e) || e - i == 4 && info[e].kind == .number && info[e - 1].kind == .punct,
                wholeDateHasDay(i), standalone(i, e),
                !(e + 1..<min(e + 3, tokens.count)).contains(where: { covered($0) }),
                let y = birthYearValue(i, e), (1980...2020).contains(y)
            else { continue }
            if let n = at(e + 1), n.isPunct("."), let d = at(e + 2), d.kind == .number, !d.spaceBefore { continue }
            // "Kai Whitlow, 4, 03/09/2009": a number just before, an age the date may disagree with, is a row's.
            if key(i - 1).equals(","), at(i - 2)?.kind == .number { continue }
            let from = key(i - 1).equals("the") ? i - 2 : i - 1
            if (max(0, from - 1)...max(0, from)).contains(where: { $0 < i && Self.eventDateWords.contains(key($0)) }) {
                continue
            }
            add(.dateOfBirth, tokens: i, e)
            i = e
        }
    }

    /// The date opening at token `i` names its day: "3/4/2011", "1 Jan 2008", "the fourth of November…",
    /// "May 3rd 2011", "2009-03-17".
    func wholeDateHasDay(_ i: Int) -> Bool {
        if number(i, 1...31) || ordinal(i) || ordinalWord(i) != nil { return true }
        if isMonth(i) { return ordinal(i + 1) || ordinalWord(key(i + 1).equals("the") ? i + 2 : i + 1) != nil }
        return year(i) && key(i + 1).isOne(of: ["-", "/", "."])
    }

    /// The year of the date over tokens `a...e`, written ("2009", "08", "'09") or said ("two thousand and eight",
    /// "twenty ten", "oh nine", "nineteen ninety-eight").
    func birthYearValue(_ a: Int, _ e: Int) -> Int? {
        for k in a...e where year(k) { return Int(tokens[k].text) }
        if let t = tok(e), t.kind == .number, t.length == 2, let v = Int(t.text) {
            return v <= 30 ? 2000 + v : 1900 + v
        }
        guard let k = (a...e).first(where: { yearExpression($0) == e }) else { return nil }
        let last = Self.numberWords[key(e)] ?? 0
        if key(k).equals("nineteen") { return 1900 + (ageValue(k + 1) ?? 0) }
        if key(k).equals("two") { return key(e).equals("thousand") ? 2000 : 2000 + last }
        return 2000 + last
    }

    /// Words that give a birth date found another one, the real or corrected one ("DOB given as 12th March 2008 but
    /// GP record said 21/03/2008", "…, should have been …", "actually …").
    static let birthDateCorrections = Vocab.set("but not actually said says say should real right correct sorry no")

    /// After a birth date over `s...e`, a whole date with its year later in the same sentence that a correcting
    /// word gives (no other date's noun between): the person's real birth date; it is added, its last token returned.
    /// Session 16 (`schools12`): a record's second reading of the same birth date needs no correcting word when it
    /// differs from the first in one part only ("DOB given as 14/02/2011 on the form, police had 14/02/2012", "DOB
    /// mismatch 14/2/11 v 14/2/12", "03/11/2010 first time, 03/11/2009 next time").
    mutating func correctedBirthDate(from s: Int, after e: Int) -> Int? {
        var m = e + 1
        var corrected = false
        let first = numericDateParts(s, e)
        while m < tokens.count, m - e <= 16 {
            if info[m].isPunct(".!?;"), !(m + 1 < tokens.count && !info[m + 1].spaceBefore) { return nil }
            if Self.otherDateNouns.contains(key(m)) { return nil }
            if Self.birthDateCorrections.contains(key(m)) { corrected = true }
            if info[m].kind == .number, !covered(m), let d = dateExpression(at: m, allowYearAlone: false),
                d - m >= 2,
                corrected && hasYear(m, d) || first.map({ Self.oneApart($0, numericDateParts(m, d)) }) == true
            {
                add(.dateOfBirth, tokens: m, d)
                return d
            }
            m += 1
        }
        return nil
    }

    /// Day, month and year (two digits) of a date written as three numbers over `a...b` ("14/02/2011", "14.2.11").
    func numericDateParts(_ a: Int, _ b: Int) -> (Int, Int, Int)? {
        let n = (a...b).filter { info[$0].kind == .number }
        guard b - a == 4, n.count == 3, let d = Int(tokens[n[0]].text), let m = Int(tokens[n[1]].text),
            let y = Int(tokens[n[2]].text), [2, 4].contains(info[n[2]].length)
        else { return nil }
        return (d, m, y % 100)
    }

    /// Two dates that differ in exactly one of day, month and year.
    static func oneApart(_ x: (Int, Int, Int), _ y: (Int, Int, Int)?) -> Bool {
        guard let y else { return false }
        return [x.0 == y.0, x.1 == y.1, x.2 == y.2].filter { $0 }.count == 2
    }

    /// A birth cue straight after a date, in brackets or after a dash or comma ("(dob)", "- DOB", ", d.o.b.").
    func birthCueAfter(_ e: Int) -> Bool {
        var k = e + 1
        if let t = at(k), t.isPunct("(-–,:[") { k += 1 }
        let c = key(k)
        return c == "dob" || c == "birthday" || c == "bday"
            || c == "d" && key(k + 1).equals(".") && key(k + 2).equals("o")
            || c == "date" && key(k + 1).equals("of") && key(k + 2).equals("birth")
    }

    /// "12 03 2009": a day, a month and a four-digit year as numbers split by single spaces; the last token.
    func spacedNumericDate(at i: Int) -> Int? {
        guard number(i, 1...31), number(i + 1, 1...12), year(i + 2), info[i + 1].start - info[i].end == 1,
            info[i + 2].start - info[i + 1].end == 1, standalone(i, i + 2)
        else { return nil }
        if let n = at(i + 3), n.kind == .number, n.start - info[i + 2].end <= 1 { return nil }
        return i + 2
    }

    /// The date over tokens `a...b` ends on its year, written or said ("2009", "'09", "two thousand and three").
    func hasYear(_ a: Int, _ b: Int) -> Bool {
        (a...b).contains { yearExpression($0) == b || year($0) }
    }

    /// Dates that are not a birth date, between a birth cue and a date ("her birthday's soon; the court date is…").
    static let otherDateNouns = Vocab.set("date hearing court meeting mtg appointment appt conference review deadline")

    /// `Vocab.months.contains(key(i))`: months are a gated set (`GatedSet.months`; no month is "").
    func isMonth(_ i: Int) -> Bool { onGated(.months, i) }
    func number(_ i: Int, _ range: ClosedRange<Int>, digits: ClosedRange<Int> = 1...2) -> Bool {
        guard let t = tok(i), t.kind == .number, digits.contains(t.length), let v = Int(t.text) else { return false }
        return range.contains(v)
    }
    func ordinal(_ i: Int) -> Bool {
        guard let t = tok(i) else { return false }
        if t.kind == .number { return number(i, 1...31) }
        guard t.kind == .alnum else { return false }
        let digits = t.key.prefix { $0.isNumber }
        let suffix = t.key.dropFirst(digits.count)
        guard let v = Int(digits), (1...31).contains(v) else { return false }
        return ["st", "nd", "rd", "th"].contains(String(suffix))
    }
    func year(_ i: Int) -> Bool { number(i, 1900...2035, digits: 4...4) }

    static let ordinalWords: Set<String> = Vocab.set(
        """
        first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth
        seventeenth eighteenth nineteenth twentieth thirtieth
        """)

    /// "second", "twenty-first", "thirty first": a day said as a word; the last token.
    func ordinalWord(_ i: Int) -> Int? {
        if Self.ordinalWords.contains(key(i)) { return i }
        if key(i).isOne(of: ["twenty", "thirty"]) {
            if key(i + 1).equals("-"), Self.ordinalWords.contains(key(i + 2)) { return i + 2 }
            if Self.ordinalWords.contains(key(i + 1)) { return i + 1 }
        }
        return nil
    }

    static let monthOrdinals = Vocab.set(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth")

    /// A month said as an ordinal ("seventh", "7th", "twelfth"); the last token.
    func monthNumber(_ i: Int) -> Int? {
        if Self.monthOrdinals.contains(key(i)) { return i }
        guard let t = tok(i), t.kind == .alnum else { return nil }
        let digits = t.key.prefix { $0.isNumber }
        guard let v = Int(digits), (1...12).contains(v),
            ["st", "nd", "rd", "th"].contains(String(t.key.dropFirst(digits.count)))
        else { return nil }
        return i
    }

    /// A year in digits or said aloud ("2008", "twenty ten", "two thousand and eight", "oh nine", "'09"); the last token.
    func yearExpression(_ i: Int) -> Int? {
        if year(i) { return i }
        if let t = at(i), t.kind == .number, t.length == 2, isApostrophe(i - 1) { return i }
        // "oh nine", "oh-nine", "twenty ten", "twenty-ten".
        let h = key(i + 1).equals("-") && tok(i + 1).map({ !$0.spaceBefore }) == true ? i + 2 : i + 1
        if key(i).equals("oh"), let v = Self.numberWords[key(h)], v < 10 { return h }
        if key(i).equals("twenty"), let v = Self.numberWords[key(h)], v >= 1 && v <= 19 { return h }
        // "twenty oh nine": the decade's zero said as "oh".
        if key(i).equals("twenty"), key(h).equals("oh") || key(h).equals("o"), let v = Self.numberWords[key(h + 1)],
            v < 10
        {
            return h + 1
        }
        if key(i).equals("two"), key(i + 1).equals("thousand") {
            var j = i + 2
            if key(j).equals("and") { j += 1 }
            if let v = Self.numberWords[key(j)], v < 20 { return j }
            return i + 1
        }
        if key(i).equals("nineteen"), let v = Self.numberWords[key(i + 1)], v >= 20 { return ageEnd(i + 1) }
        return nil
    }

    /// A date from token `i`: 3/4/2011, 3.4.11, 3rd May 2011, 3 of May, May 3rd, 2011, May 2011, 2011 (if allowed). Returns the end.
    func dateExpression(at i: Int, allowYearAlone: Bool) -> Int? {
        guard let t = at(i) else { return nil }
        // "2011-03-12": a year first.
        if year(i), let s1 = tok(i + 1), s1.isPunct("-/."), !s1.spaceBefore, number(i + 2, 1...12),
            let s2 = tok(i + 3), s2.text == s1.text, !s2.spaceBefore, number(i + 4, 1...31), !info[i + 4].spaceBefore
        {
            return i + 4
        }
        if t.kind == .number, number(i, 1...31), let s1 = tok(i + 1), s1.isPunct("/.-"), !s1.spaceBefore,
            number(i + 2, 1...12) || isMonth(i + 2), let s2 = tok(i + 3), s2.text == s1.text, !s2.spaceBefore,
            let y = at(i + 4), y.kind == .number, y.length == 2 || y.length == 4, !y.spaceBefore
        {
            return i + 4
        }
        if t.kind == .number, number(i, 1...31), let s1 = at(i + 1), s1.isPunct("/.-"), !s1.spaceBefore,
            number(i + 2, 1...12), standalone(i, i + 2)
        {
            return i + 2
        }
        if ordinal(i) || ordinalWord(i) != nil {
            var j = (ordinalWord(i) ?? i) + 1
            if key(j).equals("of") { j += 1 }
            // "the twenty-first of the seventh, oh nine": the month said as its number.
            if key(j).equals("the"), let m = monthNumber(j + 1) {
                var y = m + 1
                if key(y).equals(",") { y += 1 }
                return yearExpression(y) ?? m
            }
            if isMonth(j) {
                // "14 Feb. 2009": the abbreviation's full stop.
                let m = key(j + 1).equals(".") && tok(j + 1).map({ !$0.spaceBefore }) == true ? j + 1 : j
                if let y = yearExpression(m + 1) { return y }
                if key(m + 1).equals(","), let y = yearExpression(m + 2) { return y }
                // "3 Apr 11": two digits after the month, ending the date, are its year.
                if let y = at(m + 1), y.kind == .number, y.length == 2, tok(m + 2).map({ $0.kind == .punct }) ?? true {
                    return m + 1
                }
                return j
            }
            return nil
        }
        if isMonth(i) {
            if ordinal(i + 1) {
                if year(i + 2) { return i + 2 }
                if key(i + 2).equals(","), year(i + 3) { return i + 3 }
                return i + 1
            }
            // "March the ninth", "March ninth, two thousand and nine" (session 8).
            if let w = ordinalWord(key(i + 1).equals("the") ? i + 2 : i + 1) {
                if key(w + 1).equals(","), let y = yearExpression(w + 2) { return y }
                return yearExpression(w + 1) ?? w
            }
            if year(i + 1) { return i + 1 }
            return nil
        }
        if allowYearAlone, year(i) { return i }
        return nil
    }

    // MARK: Ages that narrow a person down

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11,
        "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let ageFillers = Vocab.set(
        "only just about barely now nearly almost still already literally like maybe around probably actually really")

    /// An age in digits or words, "twenty-three" included (the value of the whole; `ageEnd` gives its last token).
    @inline(__always) func ageValue(_ i: Int) -> Int? { i >= 0 && i < ages.count ? ages[i] : nil }

    /// `ageValue` worked out from the tokens: once per token, when the scan starts (`ScanContext.ages`).
    func computeAgeValue(_ i: Int) -> Int? {
        guard i >= 0, i < tokens.count else { return nil }
        let t = tokens[i]
        if t.kind == .number { return t.length <= 2 ? Int(t.text) : nil }
        guard t.kind == .word, t.length >= 3, t.length <= 9, let v = numberWord(i) else { return nil }
        if v >= 20, v % 10 == 0, key(i + 1).equals("-"), let u = numberWord(i + 2), u < 10,
            !info[i + 1].spaceBefore
        {
            return v + u
        }
        if spacedCompound(i) { return v + (numberWord(i + 1) ?? 0) }
        return v
    }

    /// The last token of the age starting at `i` ("twenty-three" is three tokens).
    @inline(__always) func ageEnd(_ i: Int) -> Int { i >= 0 && i < ageEnds.count ? ageEnds[i] : i }

    /// `ageEnd` worked out from the tokens: once per token, when the scan starts (`ScanContext.ageEnds`).
    func computeAgeEnd(_ i: Int) -> Int {
        if let v = numberWord(i), v >= 20, v % 10 == 0, key(i + 1).equals("-"),
            let u = numberWord(i + 2), u < 10,
            !info[i + 1].spaceBefore
        {
            return i + 2
        }
        // Session 15: "she's seventy-odd", "he's 40-odd": a round age said roughly, its "-odd" glued to it.
        if numberWord(i).map({ $0 >= 20 && $0 % 10 == 0 })
            ?? (info[i].kind == .number && info[i].length == 2
                && tokens[i].key.hasSuffix("0")),
            key(i + 1).equals("-"), key(i + 2).equals("odd"), !info[i + 1].spaceBefore, !info[i + 2].spaceBefore
        {
            return i + 2
        }
        return spacedCompound(i) ? i + 1 : i
    }

    /// "twenty one", "thirty four": tens and a unit said as two words (captions drop the hyphen), not inside a year
    /// said aloud ("twenty twenty one", "two thousand and twenty one").
    func spacedCompound(_ i: Int) -> Bool {
        guard let v = numberWord(i), v >= 20, v % 10 == 0, let u = numberWord(i + 1), u < 10,
            info[i + 1].spaceBefore
        else { return false }
        let p = key(i - 1)
        return numberWord(i - 1) == nil && p != "and" && p != "thousand" && p != "oh"
    }

    static let ageUnits = Vocab.set(
        "minutes mins min hours hrs hour weeks week days day months month percent % miles mile times pounds quid am pm o'clock : . / p k yrs years year x referrals cases families kids children young people of or to - – + th st nd rd foot feet ft inches stone kg cm"
    )

    /// Words before "at 10" that make it a time, not an age ("the meeting is at 10").
    static let timeContexts = Vocab.set(
        """
        off drop join joining log logging stop stops finishing done free available busy out meets runs ran breaks went got get
        gets arrives arrived come came comes group class starts
        meet meeting meetings mtg starts start started starting begin begins began finish finishes finished ends end ended close closes
        closed opens open opened back home leave leaves left arrive arrived arrives call calls session sessions lunch break breaks
        tomorrow today tonight is was be are were it up round around till until from by school bed pick collect collected bus train
        monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun morning evening night
        """)

    /// Ages said in passing: "had a test at 13", "groomed herself at 14", "now 14", "looked after since 9", "12 at the time",
    /// "a mum (17)". Returns the age token.
    func moreAges(at i: Int) -> Int? {
        let k = key(i)
        let kv = vocabAt(i)
        // Only these tokens start a rule below (asked of every token, the rules' tests were 2% of a scan).
        // (Literal lists here would be built and freed on every call: each set and word is asked on its own.)
        guard
            ageValue(i) != nil || kv.contains(.relations) || kv.contains(.personNouns) || kv.contains(.bracketAged)
                || kv.contains(.singlePersonNouns) || kv.contains(.pluralPersonNouns) || kv.contains(.partnerWords)
                || k.equals("at") || k.equals("since") || k.equals("now") || k.equals("is") || k.equals("was")
                || k.equals(",") || k.equals("been") || k.equals("twins")
        else { return nil }
        func ends(_ j: Int) -> Bool {
            guard let n = tok(ageEnd(j) + 1) else { return true }
            return n.isPunct(",.;!?)—–-") || n.key.isOne(of: ["and", "when", "but", "so", "then", "now"])
                || n.kind == .punct && !n.isPunct(":/%") || Self.reflexives.contains(n.key)
        }
        // "a test at 13", '"traditional marriage" at 15' (not "we lose them at 16": a group's age is generic).
        let before = at(i - 1)?.isPunct("\"”’)") == true ? i - 2 : i - 1
        // "placed in a flat at 15 which is illegal now": a teenager's age with a clause on it (not "in at 10 which").
        if k.equals("at") || k.equals("since"), at(i + 1)?.kind == .number, let v = ageValue(i + 1),
            (1...17).contains(v),
            !inSet(.timeContexts, before), !inSet(.groupObjects, before),
            at(before)?.isWordLike == true, ends(i + 1) || v >= 13 && key(ageEnd(i + 1) + 1).equals("which")
        {
            return i + 1
        }
        // "Jordan left care at 18 and…": an adult's age at a step of a named person's story.
        if k.equals("at"), at(i + 1)?.kind == .number, let v = ageValue(i + 1), (18...25).contains(v),
            !inSet(.timeContexts, before), !inSet(.groupObjects, before), at(before)?.isWordLike == true,
            ends(i + 1), nameOrPronounBefore(i, reach: 8)
        {
            return i + 1
        }
        if k.equals("now"), key(i - 1).equals(",") || key(i - 1).equals("and"), let v = ageValue(i + 1),
            (1...25).contains(v),
            ends(i + 1)
        {
            return i + 1
        }
        if let v = ageValue(i), (1...25).contains(v), key(ageEnd(i) + 1).equals("at"), key(ageEnd(i) + 2).equals("the"),
            key(ageEnd(i) + 3).equals("time")
        {
            return i
        }
        if kv.contains(.relations) || kv.contains(.personNouns) || kv.contains(.bracketAged),
            key(i + 1).equals("("),
            let v = ageValue(i + 2), v <= 99,
            key(ageEnd(i + 2) + 1).equals(")")
        {
            return i + 2
        }
        // "a girl, 15, was stopped", "two boys, 13 and 15,": ages set off by commas after a person word.
        if key(i + 1).equals(","), tok(i + 2).map({ $0.kind == .number || $0.kind == .word && $0.length >= 3 }) == true,
            kv.contains(.singlePersonNouns) || kv.contains(.pluralPersonNouns) || kv.contains(.relations),
            let v = ageValue(i + 2), (1...21).contains(v) || kv.contains(.relations) && v <= 99
        {
            let e = ageEnd(i + 2)
            if key(e + 1).equals(",") || key(e + 1).equals(")")
                || key(e + 1).equals("and") && kv.contains(.pluralPersonNouns)
                || tok(e + 1) == nil
            {
                return i + 2
            }
        }
        // Shorthand: "lad 16 stopped near…", "Girl 13 in Govanhill" (not "Child 1", "Boy 2": designations are small numbers).
        if let n = tok(i + 1), n.kind == .number, n.length <= 2, kv.contains(.singlePersonNouns) || k.equals("twins"),
            let v = Int(n.text), (8...21).contains(v),
            tok(i + 2).map({ !Self.ageUnits.contains($0.key) || $0.isPunct(",.;)-–") }) ?? true
                || ageAlternative(after: i + 1, v) != nil
        {
            return i + 1
        }
        // "bf 24", "boyfriend 19": an adult partner's age in shorthand, at the end of a clause.
        if let n = tok(i + 1), n.kind == .number, n.length <= 2, kv.contains(.partnerWords), !covered(i + 1),
            let v = Int(n.text), (12...60).contains(v), tok(i + 2).map({ $0.isPunct(",.;)-–!?") }) ?? true
        {
            return i + 1
        }
        // "the girl I mentioned is 15 now", "he was 12 then", "the boy I mentioned is now 16": a bare number with
        // "now/then", a person spoken of just before.
        if k.equals("is") || k.equals("was"), let v = ageValue(i + 1), (1...25).contains(v),
            key(ageEnd(i + 1) + 1).isOne(of: ["now", "then"]),
            cueBefore(i, Self.personWords, reach: 6)
        {
            return i + 1
        }
        if k.equals("is") || k.equals("was"), key(i + 1).equals("now"), let v = ageValue(i + 2), (1...25).contains(v),
            ends(i + 2),
            cueBefore(i, Self.personWords, reach: 6)
        {
            return i + 2
        }
        // "a lad from Tonypandy, fifteen, and…", "yp szymon - Peterborough, 16, placed…": a teenage age set off by
        // commas a few words after a person (not in a run of numbers).
        if let a = commaAge(at: i), cueBefore(i, Self.personWords.union(Self.singlePersonNouns), reach: 8) {
            return a
        }
        // "he can't have been more than eleven", "she'd been 12 when it started".
        if k.equals("been"), cueBefore(i, Self.subjectPronouns, reach: 5) {
            var j = i + 1
            // "she'd have been, what, thirteen?": hesitations and "what" between.
            while Self.comparisonFillers.contains(key(j)) || ["what", ",", "um", "er", "like"].contains(key(j)),
                j - i <= 5
            {
                j += 1
            }
            // "so she'd have been 13 or 14": a second guess closes it too.
            if let v = ageValue(j), (2...25).contains(v), ends(j) || ageAlternative(after: ageEnd(j), v) != nil {
                return j
            }
        }
        return nil
    }

    /// A teenage age between commas at `i` (the first comma), not in a run of numbers: ", 16," / ", fifteen, and".
    func commaAge(at i: Int) -> Int? {
        guard key(i).equals(","), let v = ageValue(i + 1), (10...19).contains(v), at(i - 1)?.kind == .word,
            tok(ageEnd(i + 1) + 1).map({ $0.isPunct(",.;") }) ?? true,
            at(ageEnd(i + 1) + 2)?.kind != .number, !covered(i + 1)
        else { return nil }
        return i + 1
    }

    static let bracketAged = Vocab.set("yp eldest youngest oldest teen teenager victim suspect")

    /// "M, 16, Stockport", "F 14 missing": a sex marker and an age at the start of a shorthand note.
    func sexMarkerAge(at i: Int) -> Int? {
        guard let t0 = at(i), t0.kind == .word, t0.length == 1, let t = tok(i), t.text == "M" || t.text == "F",
            t.sentenceStart || at(i - 1)?.isPunct("-–(,") == true || inSet(.bracketAged, i - 1)
                || inSet(.singlePersonNouns, i - 1)
        else { return nil }
        // "M, 16", "F/14".
        let j = key(i + 1).equals(",") || key(i + 1).equals("/") && !info[i + 1].spaceBefore ? i + 2 : i + 1
        guard let n = tok(j), n.kind == .number, let v = Int(n.text), (8...21).contains(v),
            tok(j + 1).map({ $0.isPunct(",.;)-–") || $0.kind == .word && !Self.ageUnits.contains($0.key) }) ?? true
        else { return nil }
        return j
    }

    static let partnerWords = Vocab.set("bf gf boyfriend girlfriend partner husband wife fella")

    /// Groups whose age is generic: "we lose them at 16".
    static let groupObjects = Vocab.set("them they us we kids children people everyone lads girls boys yps")

    /// A person was found within `reach` tokens before `i` in the same sentence.
    func personBefore(_ i: Int, reach: Int) -> Bool {
        guard i < tokens.count else { return false }
        let from = info[max(0, i - reach)].start
        let to = info[i].start
        if tokens[max(0, i - reach)..<i].contains(where: { $0.isPunct(".!?") }) { return false }
        return candidates.contains { $0.label == .person && $0.start >= from && $0.end <= to }
    }

    static let singlePersonNouns = Vocab.set(
        "lad girl boy yp son daughter child kid brother sister niece nephew cousin bf gf boyfriend girlfriend male female"
    )
    /// The word before `i`, skipping punctuation and symbols (emoji), if only those come between.
    func previousWordAcrossSymbols(_ i: Int) -> Int? {
        var j = i - 1
        while j >= 0, info[j].kind == .punct { j -= 1 }
        return j >= 0 && i - j <= 6 ? j : nil
    }

    static let pluralPersonNouns = Vocab.set(
        "boys girls lads sisters brothers siblings kids children cousins twins sons daughters")
    static let subjectPronouns = Vocab.set("he she i hes shes he'd she'd")
    static let comparisonFillers = Vocab.set(
        "more older younger than over under about only just barely no maybe around nearly")
    static let personWords: Set<String> = Vocab.relations.union(Vocab.personNouns).union(Vocab.set("he she hes shes"))

    /// A second age given with the first ("one aged 15, the other 17", "aged 14 and 16") and an age said twice
    /// ("twenty-two. Twenty-two!").
    mutating func findAgeEchoesAndLists() {
        let ages = candidates.filter { $0.label == .age }
        guard !ages.isEmpty else { return }
        for c in ages {
            guard let b = tokenIndex(endingAt: c.end) else { continue }
            var j = b + 1
            if key(j).equals(",") { j += 1 }
            guard key(j).isOne(of: ["and", "&", "the", "other"]) || key(j - 1).equals(",") else { continue }
            if key(j).isOne(of: ["and", "&"]) { j += 1 }
            if key(j).equals("the"), key(j + 1).equals("other") { j += 2 } else if key(j).equals("other") { j += 1 }
            if key(j).equals("one") || key(j).equals("is") || key(j).equals("was") { j += 1 }
            guard j > b + 1, let v = ageValue(j), (1...25).contains(v), !covered(j) else { continue }
            let e = ageEnd(j)
            if let n = tok(e + 1), !(n.isPunct(",.;!?)") || n.key.isOne(of: ["and", "but", "so", "when"])) { continue }
            add(.age, tokens: j, e)
        }
        var values = Set<Int>()
        for c in ages {
            guard var a = tokenIndex(startingAt: c.start) else { continue }
            if key(a).equals("aged") { a += 1 }
            if let v = ageValue(a) { values.insert(v) }
        }
        for j in tokens.indices
        where info[j].kind != .punct && (info[j].sentenceStart || info[j - 1].kind == .punct) {
            guard let v = ageValue(j), values.contains(v), at(ageEnd(j) + 1)?.isPunct("!.?") ?? true, !covered(j)
            else { continue }
            // Said again straight after, with only punctuation or emoji between: "she was 12 😢 12!!".
            let ageBefore =
                previousWordAcrossSymbols(j).map { p in
                    ages.contains { $0.start <= info[p].start && info[p].end <= $0.end }
                } ?? false
            guard info[j].sentenceStart || ageBefore else { continue }
            add(.age, tokens: j, ageEnd(j))
        }
    }

    /// Words that say an age is a guess: "approx 18", "about 15", "c. 17", "~16".
    static let estimateWords = Vocab.set("approx approximately about around roughly prob probably maybe possibly est c")
    static let objectPronouns = Vocab.set("her him")

    /// Ages in shorthand read once the people are found: a guessed age at a clause's end after one person ("lad called
    /// X recruiting at the station, approx 18", "older bro, ?19"), "both 13" after twins or two people, an age said in
    /// words after "at" ("used her to move money, at sixteen"), and a young adult's age after a name before what they
    /// do ("cousin X Y 20 picking up from school").
    mutating func findAgesAroundPeople() {
        func clauseEnds(_ j: Int) -> Bool {
            guard let n = tok(ageEnd(j) + 1) else { return true }
            return n.isPunct(",.;!?)—–-") || n.key.isOne(of: ["and", "but", "so", "then", "now", "if"])
                || Self.reflexives.contains(n.key)
        }
        func onePersonBefore(_ i: Int) -> Bool {
            personBefore(i, reach: 10)
                || cueBefore(i, Self.singlePersonNouns.union(Vocab.relations).union(Self.subjectPronouns), reach: 10)
        }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if covered(i) { continue }
            let t = tokens[i]
            var at: Int?
            if inSet(.estimateWords, i) || t.isPunct("?~") && tok(i + 1).map({ !$0.spaceBefore }) == true {
                var j = i + 1
                if t.key.equals("c"), key(j).equals(".") { j += 1 }
                if tok(j)?.isWordLike == true, let v = ageValue(j), (10...25).contains(v), clauseEnds(j),
                    onePersonBefore(i),
                    i == 0 || info[i - 1].isPunct(",-–(:") || personBefore(i, reach: 1)
                        || key(i - 1).isOne(of: ["is", "was", "looks", "looked", "aged", "age", "be", "been"])
                {
                    at = j
                } else if tok(j)?.isWordLike == true, let v = ageValue(j), (10...60).contains(v),
                    inSet(.singlePersonNouns, i - 1) || inSet(.partnerWords, i - 1),
                    tok(ageEnd(j) + 1).map({
                        !Self.ageUnits.contains($0.key) && !Self.countedNouns.contains($0.key) || $0.isPunct(",.;)")
                    }) ?? true
                {
                    // "a lad about 17 was with her", "bf approx 20 drives".
                    at = j
                }
            } else if t.key.equals("both"), let v = ageValue(i + 1), (1...21).contains(v), clauseEnds(i + 1),
                personBefore(i, reach: 10) || cueBefore(i, Self.pluralPersonNouns, reach: 6)
            {
                at = i + 1
            } else if t.key.equals("at"), tok(i + 1)?.kind == .word, let v = ageValue(i + 1), (13...17).contains(v),
                clauseEnds(i + 1), !inSet(.timeContexts, i - 1), !inSet(.groupObjects, i - 1),
                cueBefore(i, Self.personWords.union(Self.objectPronouns), reach: 14)
            {
                at = i + 1
            }
            // "a lad of 15", "a girl of fourteen": a person noun, "of", an age.
            if at == nil, t.key.equals("of"), inSet(.singlePersonNouns, i - 1), let v = ageValue(i + 1),
                (1...21).contains(v),
                clauseEnds(i + 1)
                    || tok(ageEnd(i + 1) + 1)?.kind == .word
                        && !Self.ageUnits.contains(key(ageEnd(i + 1) + 1))
                        && !Self.countedNouns.contains(key(ageEnd(i + 1) + 1))
            {
                at = i + 1
            }
            // "the younger one is 11", "the eldest's 16", "the middle one was nine".
            if at == nil, inSet(.siblingOrder, i) {
                var j = i + 1
                if key(j).equals("one") { j += 1 }
                // "the older one, 17, was driving", "their eldest, 19, is inside": the age set off by commas.
                if j > i + 1 || t.key.isOne(of: ["eldest", "youngest", "oldest"]), key(j).equals(","),
                    let v = ageValue(j + 1), (1...25).contains(v),
                    [",", ")"].contains(key(ageEnd(j + 1) + 1))
                {
                    at = j + 1
                }
                if isApostrophe(j), key(j + 1).equals("s") {
                    j += 2
                } else if key(j).isOne(of: ["is", "was"]) {
                    j += 1
                }
                if j > i + 1, Self.ageFillers.contains(key(j)) { j += 1 }
                if at == nil, j > i + 1, let v = ageValue(j), (1...25).contains(v), clauseEnds(j) { at = j }
            }
            // "mum is 32 and dad 40": a second person's age after the first.
            if at == nil, t.key.equals("and") || t.key.equals("&") || t.key.equals(","), inSet(.relations, i + 1),
                let v = ageValue(i + 2), (1...99).contains(v), tok(i + 2)?.kind == .number, clauseEnds(i + 2),
                candidates.contains(where: { $0.label == .age && $0.end <= info[i].start })
            {
                at = i + 2
            }
            guard let a = at, !covered(a) else { continue }
            add(.age, tokens: a, ageEnd(a))
            i = ageEnd(a)
        }
        // "ramin (kurdish, uasc) 16,": a note opening with a word and a bracketed note on it, then an age.
        var openers: [Int] = []
        for k in tokens.indices where info[k].lineStart && info[k].kind == .word && key(k + 1).equals("(") {
            if !Vocab.functionWords.contains(tokens[k].key), !Vocab.notNames.contains(tokens[k].key) {
                openers.append(k)
            }
        }
        let personEnds = candidates.filter { $0.label == .person }.compactMap { tokenIndex(endingAt: $0.end) }
        for var last in Set(personEnds + openers).sorted() {
            // "ellie-rose 12!!": the other half of a hyphenated name is widened into the span later.
            if key(last + 1).equals("-"), let h = at(last + 2), h.kind == .word, !info[last + 1].spaceBefore,
                !h.spaceBefore
            {
                last += 2
            }
            // "rahim uddin 20 picking up", "femi adeyemi sixteen lives in…": 10–25 after a person, before what they
            // do.
            if let n = tok(last + 1), n.kind == .number && n.length == 2 || n.kind == .word,
                let v = ageValue(last + 1), (10...25).contains(v), !covered(last + 1),
                let w = tok(ageEnd(last + 1) + 1), w.kind == .word,
                w.key.hasSuffix("ing") && w.length >= 5 || Self.lifeEvents.contains(w.key)
                    || n.kind == .word && Self.noteVerbs.contains(w.key)
            {
                add(.age, tokens: last + 1, ageEnd(last + 1))
                continue
            }
            // "Kai 14yrs", "kai 15yo": an age glued to its unit straight after a name.
            if let n = tok(last + 1), n.kind == .alnum, !covered(last + 1),
                let v = Int(n.key.prefix { $0.isNumber }), (1...25).contains(v),
                ["yrs", "yr", "yo", "y", "yrsold"].contains(String(n.key.drop { $0.isNumber }))
            {
                add(.age, tokens: last + 1, last + 1)
                continue
            }
            // "ramin (kurdish, uasc) 16,", "ellie-rose 12!!", "demi 13 & 14", "florin 17 (romanian)": a bare age
            // after a name, or after a bracketed note on the name, before punctuation.
            var j = last + 1
            if key(j).equals("("), let close = (j + 1..<min(tokens.count, j + 9)).first(where: { key($0).equals(")") })
            {
                j = close + 1
            }
            guard let n = tok(j), n.kind == .number, n.length <= 2, let v = Int(n.text), (1...21).contains(v),
                !covered(j)
            else { continue }
            let next = tok(j + 1)
            let bracketed = j > last + 1
            let endsHere =
                next.map {
                    $0.isPunct(",;!?(&") || fullStop(j + 1)
                        || bracketed && $0.kind == .word && !Self.ageUnits.contains($0.key)
                            && !Self.countedNouns.contains($0.key)
                } ?? true
            guard endsHere else { continue }
            add(.age, tokens: j, j)
            // "13 & 14": the second of a pair.
            if key(j + 1).isOne(of: ["&", "and"]), let m = tok(j + 2), m.kind == .number, m.length <= 2,
                let w = Int(m.text), (1...21).contains(w), !covered(j + 2),
                tok(j + 3).map({ $0.isPunct(",.;!?") }) ?? true
            {
                add(.age, tokens: j + 2, j + 2)
            }
        }
        findAgesBesideDatesAndPauses()
        findAgesInNotes()
        findAgesBesideRolesAndLists()
        widenAges()
        dropGenericAges()
    }

    /// "she had him at seventeen herself": a reflexive closes the clause an age ends.
    static let reflexives = Vocab.set("herself himself themselves myself yourself")
    static let siblingOrder = Vocab.set("younger older eldest youngest oldest middle")
    static let guessWords = Vocab.set("think thinks maybe prob probably about approx around like poss possibly roughly")
    static let pauseWords = Vocab.set("what um umm er erm uh like i think reckon")

    /// "born in 2009 so 17 now", "dob 21/07/2008, 18 next yr", "dob August 9th 2011 - 15": an age beside a date of
    /// birth; "hollie age? think 15"; "he was, what, twenty-six?", "the dad was, um, thirty-one"; "she was going
    /// to be sixteen"; "kuba is 13, brother of…" at a note's start.
    mutating func findAgesBesideDatesAndPauses() {
        let hasBirth = candidates.contains { $0.label == .dateOfBirth } || keys.contains { $0.equals("born") }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard !covered(i), let v = ageValue(i), info[i].kind == .number ? info[i].length <= 2 : true else {
                continue
            }
            let e = ageEnd(i)
            let after = tok(e + 1)
            let clauseEnd =
                after.map { $0.isPunct(",.;!?)") || ["and", "but", "so", "then", "now"].contains($0.key) } ?? true
            var isAge = false
            // "DOB 12/03/2010 (14)": the age in brackets after the date.
            // "(14 yrs)" too.
            let bracketed =
                key(i - 1).equals("(")
                && (after?.key == ")" || ["yrs", "years", "yo"].contains(after?.key ?? "") && key(e + 2).equals(")"))
            if hasBirth, (1...25).contains(v) {
                let p = key(i - 1)
                isAge =
                    ["now", "next", "this", "in"].contains(after?.key ?? "") && !key(e + 2).equals("%")
                    || (["-", "–", "so", "=", ","].contains(p) || p == "now") && clauseEnd || bracketed
                // Not a part of a date or a year said aloud ("14.09.09", "twenty-ten", "oh-nine").
                if at(i - 1)?.kind == .number
                    || at(i - 2)?.kind == .number && tok(i - 1).map({ $0.isPunct("/.-") && !$0.spaceBefore }) == true
                    || !info[i].spaceBefore && !bracketed
                    || tok(i - 1).map({ $0.isPunct("-–") && !$0.spaceBefore }) == true
                {
                    isAge = false
                }
            }
            // "age? think 15", "age - prob 14".
            var b = i - 1
            while b > i - 3, b >= 0, Self.guessWords.contains(key(b)) { b -= 1 }
            if at(b)?.isPunct("?:-–") == true, key(b - 1).equals("age"), clauseEnd, (1...25).contains(v) {
                isAge = true
            }
            // "he was, what, twenty-six?", "the dad was, um, thirty-one", "she was going to be sixteen".
            var q = i - 1
            var paused = false
            while q > i - 6, q >= 0, Self.pauseWords.contains(key(q)) || key(q).equals(",") {
                paused = true
                q -= 1
            }
            if paused, key(q).isOne(of: ["was", "is", "be"]), clauseEnd, (1...99).contains(v),
                cueBefore(q, Self.personWords, reach: 3)
            {
                isAge = true
            }
            if key(i - 1).equals("be"),
                key(i - 2).equals("to") && key(i - 3).equals("going") || key(i - 2).equals("gonna"), clauseEnd,
                (1...25).contains(v), cueBefore(i, Self.subjectPronouns.union(Self.personWords), reach: 6)
            {
                isAge = true
            }
            // "kuba is 13, brother of…": a note opening with a name nobody listed, "is", a teenage age.
            if key(i - 1).isOne(of: ["is", "was"]), let w = tok(i - 2), w.kind == .word, w.sentenceStart,
                !w.capitalised,
                w.length >= 3, gazetteer.isUnknown(w.key) || gazetteer.isGiven(w.key),
                !Vocab.notNames.contains(w.key), !Vocab.functionWords.contains(w.key), (10...19).contains(v),
                clauseEnd
            {
                isAge = true
            }
            guard isAge else { continue }
            add(.age, tokens: i, e)
            i = e
        }
    }

    /// "arrested at 16", "pregnant at 15": things that happen to a person at an age.
    static let lifeEvents = Vocab.set(
        "arrested excluded charged convicted pregnant started groomed exploited recruited trafficked abused targeted stabbed sentenced cautioned missing placed moved married engaged sectioned diagnosed homeless"
    )

    mutating func findAges() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if covered(i) { continue }
            let t = info[i]
            // "14-year-old", "14 year old", "14yo", "14 y/o", "14yr old", "fourteen-year-old" (not "14 year olds"); any age.
            if let v = ageValue(i) ?? (t.kind == .number && t.length == 3 ? Int(tokens[i].text) : nil),
                (0...110).contains(v)
            {
                // "twenty-five-year-old": after the whole of the number.
                var j = ageEnd(i) + 1
                if key(j).equals("-") { j += 1 }
                // One rule for every unit of a person's age: "14 year old", "a 9-month-old baby", "her 6 month old
                // son", "a 3 week old baby" (not "a 3 week old case file", "a 10 year old car": a thing's age).
                let years = key(j).isOne(of: ["year", "yr", "years", "yrs"])
                if years || key(j).isOne(of: ["month", "months", "week", "weeks"]) {
                    var k = j + 1
                    if key(k).equals("-") { k += 1 }
                    if key(k).equals("old") {
                        if !Self.agedThingNouns.contains(key(k + 1)) { add(.age, tokens: i, k) }
                        i = k
                        continue
                    }
                    // "fourteen years of age"
                    if years, key(k).equals("of"), key(k + 1).equals("age"), (1...110).contains(v) {
                        add(.age, tokens: i, k + 1)
                        i = k + 1
                        continue
                    }
                    if key(k).equals("olds") {
                        i = k
                        continue
                    }
                }
                if key(j).equals("y"), key(j + 1).equals("/") || key(j + 1).equals("."), key(j + 2).equals("o") {
                    // "14 y.o.": the abbreviation's last full stop is part of it.
                    let e =
                        key(j + 1).equals(".") && key(j + 3).equals(".") && !info[j + 3].spaceBefore ? j + 3 : j + 2
                    add(.age, tokens: i, e)
                    i = e
                    continue
                }
                // "15 yo" (not "15 yrs": years in practice are said the same way).
                if j == i + 1, key(j).equals("yo"), (1...99).contains(v) {
                    add(.age, tokens: i, j)
                    i = j
                    continue
                }
            }
            if t.kind == .alnum {
                let digits = keys[i].prefix { $0.isNumber }
                let rest = String(keys[i].dropFirst(digits.count))
                if let v = Int(digits), (0...25).contains(v) {
                    // "the 15yo's in the group": the plural, anyone that age.
                    if rest == "yo", isApostrophe(i + 1), key(i + 2).equals("s"),
                        Self.pluralFollowers.contains(key(i + 3))
                    {
                        i += 2
                        continue
                    }
                    if rest == "yo" || rest == "yrs" && key(i + 1).equals("old")
                        || rest == "yr" && key(i + 1).equals("old")
                        || rest == "yearold"
                    {
                        let e = rest == "yo" || rest == "yearold" ? i : i + 1
                        add(.age, tokens: i, e)
                        i = e
                        continue
                    }
                }
            }
            // "aged 15", "age 14", "she's 13", "he is 15", "who was 14", "just turned 16".
            let k = keys[i]
            let kv = vocabAt(i)
            // "aged 15yrs", "age 14yo": the unit glued to the age.
            if k.equals("aged") || k.equals("age"), let m = tok(i + 1), m.kind == .alnum, !covered(i + 1),
                let v = Int(m.key.prefix { $0.isNumber }), (1...99).contains(v),
                ["yrs", "yr", "yo", "y"].contains(String(m.key.drop { $0.isNumber }))
            {
                add(.age, tokens: k.equals("aged") ? i : i + 1, i + 1)
                i += 1
                continue
            }
            // "the male, aged between 25 and 30": one person's age, guessed between two (not a group's band).
            if k.equals("aged"), let b = agedBetween(i) {
                add(.age, tokens: i + 2, ageEnd(i + 2))
                add(.age, tokens: b, ageEnd(b))
                i = ageEnd(b)
                continue
            }
            var n: Int?
            // The cue makes the number an age whatever follows it ("From 12 she was…": "from" starts no band; "Age/DOB:
            // 14 / 03/04/2011": the slash starts the date, not a second age).
            var cued = false
            if k.equals("aged")
                || (k.equals("age") && !key(i - 1).equals("under") && !key(i - 1).equals("school")
                    && !key(i - 1).equals("working"))
            {
                n = i + 1
                // "aged about 14", "aged nearly fifteen".
                if k.equals("aged"), Self.ageFillers.contains(key(i + 1)) || key(i + 1).equals("approx") { n = i + 2 }
                if key(i + 1).equals("of") { n = k.equals("age") ? i + 2 : nil }
                // "Age: 14", "age - 15" on a form or a sticky note.
                if at(i + 1)?.isPunct(":-–") == true { n = i + 2 }
                // "under the age of 16": the law's age, nobody's.
                if k.equals("age"), key(i - 1).equals("the"), Self.ageBounds.contains(key(i - 2)) { n = nil }
                // "Age at referral: 13", "age when first missing - 12": a form's field for an age at a moment.
                if k.equals("age"), key(i + 1).equals("at") || key(i + 1).equals("when"),
                    let f = ageFieldValue(after: i + 1)
                {
                    n = f
                }
                // "Age (yrs): 14", "Age (at referral): 13": a form's field with a note on it in brackets.
                if k.equals("age"), key(i + 1).equals("("),
                    let close = (i + 2...i + 5).first(where: { key($0).equals(")") })
                {
                    n = at(close + 1)?.isPunct(":-–") == true ? close + 2 : close + 1
                }
                // "Age/DOB: 14 / 03/04/2011": one field for both.
                if k.equals("age"), key(i + 1).equals("/"), key(i + 2).isOne(of: ["dob", "d"]) {
                    var c = i + 3
                    while c < i + 8, let x = at(c), !x.isPunct(":-–"), x.kind == .punct || x.length == 1 {
                        c += 1
                    }
                    if at(c)?.isPunct(":-–") == true {
                        n = c + 1
                        cued = true
                    }
                }
                // "from the age of 16 you can consent": the law's age for anyone.
                if k.equals("age"), key(i - 1).equals("the"), key(i + 1).equals("of"), let m = n, ageValue(m) != nil,
                    Self.genericSubjects.contains(key(ageEnd(m) + 1))
                {
                    n = nil
                }
            } else if k.equals("at"),
                inSet(.lifeEvents, i - 1) || Self.ageAtEvents.contains(key(i - 1))
                    || key(i - 1).equals("again") && at(i - 2)?.kind == .number,
                !Self.timeAfterAt.contains(key(i + 2))
            {
                n = i + 1
            } else if k.equals("turned") || k.equals("turning") || k.equals("turns") {
                // Not "when a child turns 18": anyone's birthday.
                n = genericSubject(before: i) ? nil : i + 1
            } else if k.equals("turn"),
                key(i - 1).isOne(of: ["ll", "will", "to", "gonna", "d", "would", "shall", "wanna"])
            {
                // "he'll turn 18 in March", "about to turn 16".
                n = i + 1
            } else if k.equals("old"), key(i - 1).isOne(of: ["how", "hw"]) {
                // "how old are you? 14", "hw old r u - 13": the question, answered.
                var j = i + 1
                while j < i + 4, at(j)?.kind == .word,
                    key(j).isOne(of: ["are", "r", "u", "you", "is", "was", "she", "he", "ur"])
                {
                    j += 1
                }
                while at(j)?.isPunct("?:-–=") == true { j += 1 }
                if j > i + 1, at(j - 1)?.kind == .punct, let v = ageValue(j), (5...99).contains(v) { n = j }
            } else if k.equals("looks") || k.equals("looked"),
                cueBefore(i, Self.subjectPronouns.union(Self.personWords), reach: 3)
            {
                // "he looks 25", "she looked about 12".
                n = skipAgeFillers(i + 1)
            } else if k.equals("believed") || k.equals("thought") || k.equals("reckoned") || k.equals("estimated"),
                personBefore(i, reach: 3) || cueBefore(i, Self.personWords, reach: 3)
            {
                // "the lad believed 25", "she is believed to be 15": a guessed age after a person.
                n = skipAgeFillers(key(i + 1).equals("to") && key(i + 2).equals("be") ? i + 3 : i + 1)
                if let m = n, let v = ageValue(m), !(10...99).contains(v) { n = nil }
            } else if onGated(.claimVerbs, i), key(i + 1).equals("to"), key(i + 2).equals("be"),
                case let m = skipAgeFillers(i + 3), let v = ageValue(m), (10...99).contains(v)
            {
                // "the fake profile claimed to be 15", "pretending to be 18": the age someone claims.
                n = m
            } else if k.equals("asl") {
                // "asl? 14 f manchester": the chat question for age, sex and location, answered.
                var j = i + 1
                while at(j)?.isPunct("?:-–=") == true { j += 1 }
                if let v = ageValue(j), (10...99).contains(v) { n = j }
            } else if k.equals("at") || k.equals("by"),
                t.capitalised || t.sentenceStart || key(i - 1).equals(",") || opensNote(i),
                case let m = skipAgeFillers(i + 1), at(m)?.kind == .number,
                k.equals("at") || ageValue(m).map({ $0 >= 8 }) == true,
                // After a speaker label or bullet ("P2 - at 15 he…"), a teenager's age, not a time ("P1 - at 2, we").
                t.capitalised || t.sentenceStart || key(i - 1).equals(",") || ageValue(m).map({ $0 >= 10 }) == true,
                key(m + 1).isOne(of: ["she", "he", "they", "i", "we", "her", "his", "him"]) || key(m + 1).equals(","),
                !(key(m + 1).isOne(of: ["they", "we"]) && Self.presentTenseVerbs.contains(key(m + 2)))
            {
                // "At 12 she was…", "At just 12 she…", "at 14, he…" (not "at 16 you can leave school", "at 18 they
                // leave care": anyone's age).
                n = m
            } else if k.equals("by") || k.equals("from"), let m = storyAge(after: i) {
                // "by 15 he was dealing", "From 12 she was going to parties", "By fifteen she had a record".
                n = m
                cued = true
            } else if k.equals("i"), isApostrophe(i + 1), key(i + 2).equals("m") {
                n = skipAgeFillers(i + 3)
            } else if k.equals("im") || (k.equals("i") && key(i + 1).isOne(of: ["am", "was"])) {
                n = skipAgeFillers(k.equals("im") ? i + 1 : i + 2)
            } else if k.equals("you"), isApostrophe(i + 1), key(i + 2).equals("re") {
                // "you're only 14": said to a young person, their age.
                n = skipAgeFillers(i + 3)
            } else if k.equals("youre") || k.equals("ur") && Self.ageFillers.contains(key(i + 1)) {
                n = skipAgeFillers(i + 1)
            } else if Self.isAgeSubject(k) || k.equals("they") || kv.contains(.relations) && !key(i - 1).equals("the"),
                (isApostrophe(i + 1) && key(i + 2).isOne(of: ["d", "ll"]) && key(i + 3).equals("be"))
                    || (key(i + 1).isOne(of: ["would", "will", "should", "must"]) && key(i + 2).equals("be"))
            {
                // "she'd be 19 now", "he would be 16 this year"
                n = skipAgeFillers(isApostrophe(i + 1) ? i + 4 : i + 3)
            } else if t.kind == .word, t.capitalised,
                !t.allCaps && t.length >= 3 || t.allCaps && t.length <= 3 && unknown(i),
                !kv.contains(.notNames), !kv.contains(.roles),
                !lists[i].contains(.bigPlace), !lists[i].contains(.town),
                key(i + 1).equals("is") || key(i + 1).equals("was")
                    || (isApostrophe(i + 1) && key(i + 2).equals("s") && !info[i + 1].spaceBefore)
            {
                // "Kez is 14", "Rose was 15 then", "JT was sixteen but…", "Rox was "thirteen going on thirty"": a
                // capitalised word or initials before "is/was" and a bare age (in words from ten).
                var m = key(i + 1).equals("is") || key(i + 1).equals("was") ? i + 2 : i + 3
                if key(m).isOne(of: ["only", "just", "now", "nearly", "almost", "barely"]) { m += 1 }
                if at(m)?.isPunct("\"“‘'") == true { m += 1 }
                let bare = at(m)?.kind == .number || ageValue(m).map({ $0 >= 10 && $0 <= 25 }) == true
                if bare, let after = tok(ageEnd(m) + 1),
                    !(after.isPunct(",.;!?)\"”’'")
                        || after.key.isOne(of: ["now", "and", "but", "so", "when", "at", "in", "going"]))
                {
                    n = nil
                } else if bare {
                    n = m
                }
            } else if let n1 = tok(i + 1),
                n1.kind == .punct || n1.key.equals("is") || n1.key.equals("was") || n1.key.equals("were"),
                Self.isAgeSubject(k) || k.equals("youngest") || k.equals("eldest") || k.equals("oldest")
                    || key(i - 1).equals("the") && Self.isAdultNoun(k)
                    || kv.contains(.relations) && !key(i - 1).equals("the") || k.equals("boyfriend")
                    || k.equals("girlfriend")
            {
                if isApostrophe(i + 1), key(i + 2).equals("s") {
                    n = i + 3
                } else if key(i + 1).isOne(of: ["is", "was", "were"]) {
                    n = i + 2
                }
                if let m = n { n = skipAgeFillers(m) }
            }
            if n == nil, k.equals("hes") || k.equals("shes") {
                // "hes 16", "shes 14 now": chat leaves the apostrophe out.
                n = skipAgeFillers(i + 1)
            }
            // "and zorvek was 14 when it started": a word on no list before "is/was" and a teenage age.
            if n == nil, t.kind == .word, !t.capitalised, t.length >= 3, unknown(i), !kv.contains(.notNames),
                key(i + 1).equals("is") || key(i + 1).equals("was"), at(i + 2)?.kind == .number,
                !Vocab.functionWords.contains(k),
                let v = ageValue(i + 2), (10...19).contains(v),
                tok(i + 3).map({ $0.isPunct(",.;!?)") || ["when", "and", "but", "so", "now", "then"].contains($0.key) })
                    ?? true
            {
                n = i + 2
            }
            if n == nil, let a = moreAges(at: i) ?? sexMarkerAge(at: i) { n = a }
            // "kai is 14yrs", "you're 15yo": an age glued to its unit where a bare age would stand.
            if let at = n, let v = gluedUnitAge(at), (1...99).contains(v), !covered(at) {
                add(.age, tokens: k.equals("aged") && at <= i + 2 ? i : at, at)
                i = at
                continue
            }
            guard let at = n, let v = ageValue(at), (1...(k.equals("at") ? 25 : 99)).contains(v) else { continue }
            // "Age: 14 years 3 months": years and months together.
            let months = yearsAndMonths(after: ageEnd(at))
            if months == nil, !cued, let next = tok(ageEnd(at) + 1), Self.ageUnits.contains(next.key),
                !fullStop(ageEnd(at) + 1)
            {
                // "bf 19 - mum aware" (a spaced dash closes a note, "14-16" is a range), "she's 14 or 15".
                if !(next.key.isOne(of: ["years", "yrs"]) && key(at + 2).equals("old")), !ageBreak(after: ageEnd(at)),
                    ageAlternative(after: ageEnd(at), v) == nil,
                    !(next.key.isOne(of: ["years", "yrs"]) && ageBreak(after: ageEnd(at) + 1))
                {
                    continue
                }
            }
            if !cued, key(at - 1).isOne(of: ["between", "from", "under", "over"]) { continue }
            // "aged 15 and over", "15 or under": an age band, not a person's age.
            if key(at + 1).isOne(of: ["and", "or"]),
                key(at + 2).isOne(of: ["over", "under", "above", "below", "older", "younger", "up"])
            {
                continue
            }
            if key(at + 1).equals("+") || key(at + 1).equals("plus") { continue }
            var e = ageEnd(at)
            if let m = months {
                e = m
            } else if key(e + 1).isOne(of: ["years", "yrs", "year"]), key(e + 2).equals("old") {
                e += 2
            } else if key(e + 1).isOne(of: ["years", "yrs"]), ageBreak(after: e + 1) {
                e += 1 // "she's 15 yrs."
            }
            if key(e + 1).equals("yo") { e += 1 }
            // "aged 14": the word that makes the number an age is part of it.
            let first = k.equals("aged") && at <= i + 2 ? i : at
            if tok(at)?.kind == .number || Self.numberWords[key(at)] != nil {
                add(.age, tokens: first, e)
                i = e
            }
        }
    }

    /// "she", "he", "who", "boy", "girl", "lad", "child": a person whose age may follow. `findAges` asks these and the
    /// next word lists of nearly every token, so they are written out as compares: that function is too large for
    /// the optimiser to keep an array literal on the stack (90 000 allocations in 2 000 lines).
    @inline(__always) static func isAgeSubject(_ k: String) -> Bool {
        k.equals("she") || k.equals("he") || k.equals("who") || k.equals("boy") || k.equals("girl") || k.equals("lad")
            || k.equals("child")
    }

    /// "the man", "the woman", "the suspect"…: an adult named by a noun after "the".
    @inline(__always) static func isAdultNoun(_ k: String) -> Bool {
        k.equals("man") || k.equals("woman") || k.equals("male") || k.equals("female") || k.equals("bloke")
            || k.equals("guy") || k.equals("lady") || k.equals("suspect")
    }

    /// "14 years 3 months", "14 yrs and 2 mths": the last token of months said after the years ending at `e`, the
    /// whole closed as a field is; nil otherwise.
    func yearsAndMonths(after e: Int) -> Int? {
        guard key(e + 1).isOne(of: ["years", "yrs", "yr", "y"]) else { return nil }
        var j = e + 2
        if key(j).equals("and") || key(j).equals(",") { j += 1 }
        guard let m = tok(j), m.kind == .number, let v = Int(m.text), (0...11).contains(v),
            key(j + 1).isOne(of: ["months", "month", "mths", "mth", "m"]), ageBreak(after: j + 1)
        else { return nil }
        return j + 1
    }

    /// A listed given name written as one, or "he"/"she", within `reach` tokens before `i` in its sentence (the
    /// people are not found yet when `findAges` runs).
    func nameOrPronounBefore(_ i: Int, reach: Int) -> Bool {
        var j = i - 1
        while j >= 0, i - j <= reach, !info[j].isPunct(".!?") {
            if key(j).isOne(of: ["he", "she"]) || info[j].capitalised && given(j) && !ambiguous(j) { return true }
            j -= 1
        }
        return false
    }

    /// Verbs of claiming an age ("claimed to be 15", "pretending to be 18").
    static let claimVerbs = Vocab.set(
        "claimed claims claiming claim pretended pretending pretends purported purporting")

    /// Subjects that make an age before them anyone's ("from the age of 16 you can…").
    static let genericSubjects = Vocab.set("you they we children kids people young anyone everyone a pupils")

    /// "by 15 he was dealing", "from 12 she was going": "by"/"from", a teenage age, then "he/she/I" and a verb of the
    /// past (a story told); the age's token. Not "by 10 o'clock he was home", "by 3 she was back": a time.
    func storyAge(after i: Int) -> Int? {
        let m = skipAgeFillers(i + 1)
        guard let v = ageValue(m), (8...19).contains(v), at(m)?.kind == .number || v >= 10 else { return nil }
        var p = ageEnd(m) + 1
        if key(p).equals(",") { p += 1 }
        if personAt(p) || tok(p).map({ $0.capitalised && !$0.sentenceStart }) == true && given(p) && !ambiguous(p) {
            // "by 14 Callum was holding for them": a name for the pronoun.
            while personAt(p + 1), info[p + 1].kind == .word { p += 1 }
        } else if !key(p).isOne(of: ["she", "he", "i"]) {
            return nil
        }
        let verb = key(p + 1)
        if ["was", "were", "had", "d", "'", "’"].contains(verb) { return m }
        return verb.hasSuffix("ed") && verb.count >= 4 ? m : nil
    }

    /// Words after "15yo's" that make it a plural ("the 15yo's in the group", not "the 15yo's mum").
    static let pluralFollowers = Vocab.set("in are were who at on need should have do and from like")
    /// Verbs that make "at 18 they leave care" a rule for anyone.
    static let presentTenseVerbs = Vocab.set(
        "can leave become are get have must need should lose go turn don't dont start stop tend move age")

    /// The subject just before `i` is anyone: "when a child turns 18", "once a young person turns 18", "you turn".
    func genericSubject(before i: Int) -> Bool {
        var j = i - 1
        while j >= max(0, i - 4), info[j].kind == .word {
            if key(j).isOne(of: ["a", "an", "any", "every", "each", "you", "they", "anyone", "everyone", "someone"]) {
                return true
            }
            if candidates.contains(where: {
                $0.label == .person && $0.start <= info[j].start && info[j].end <= $0.end
            }) {
                return false
            }
            j -= 1
        }
        return false
    }

    /// "under the age of 16", "over the age of 18".
    static let ageBounds = Vocab.set("under over above below")
    /// Things done to or by a person "at 13" that make the number their age ("referred at 13", "adopted at 4").
    static let ageAtEvents = Vocab.set(
        "referred reported adopted removed accommodated assaulted abducted raped disclosed identified fostered")
    /// Words after "at N" that make it a time ("referred at 9 this morning").
    static let timeAfterAt = Vocab.set("am pm this tonight today tomorrow yesterday o oclock o'clock")
    /// Words for many people: an age band after them is the group's ("young people aged between 11 and 18").
    static let ageGroupWords = Vocab.set(
        """
        people pupils students adults men women males females those anyone anybody youngsters teens teenagers victims
        participants yps cyp clients children kids boys girls lads learners everyone all
        """)

    /// "aged between 25 and 30" said of one person (not of a group named just before): the second age's token.
    func agedBetween(_ i: Int) -> Int? {
        guard key(i + 1).equals("between"), let v = ageValue(i + 2), (1...99).contains(v) else { return nil }
        let e = ageEnd(i + 2)
        guard key(e + 1).isOne(of: ["and", "&"]), let w = ageValue(e + 2), w > v, w <= 99, !covered(i + 2) else {
            return nil
        }
        let before = key(i - 1).equals(",") ? i - 2 : i - 1
        if Self.ageGroupWords.contains(key(before)) || inSet(.pluralPersonNouns, before) { return nil }
        return e + 2
    }

    /// "Age at referral: 13", "age at time of incident - 14": the age after a form field's name (up to six words
    /// and a colon or dash from `j`); its token.
    func ageFieldValue(after j: Int) -> Int? {
        var k = j
        while k < j + 7, let t = at(k), t.kind == .word { k += 1 }
        guard k > j, at(k)?.isPunct(":-–=") == true, let v = ageValue(k + 1), (1...99).contains(v) else {
            return nil
        }
        return k + 1
    }

    /// The token after up to two fillers from `j` ("only like 13", "only about 15").
    func skipAgeFillers(_ j: Int) -> Int {
        var k = j
        while k < j + 2, Self.ageFillers.contains(key(k)) || inSet(.hesitations, k) { k += 1 }
        return k
    }

    /// "14yrs", "15yo", "16y": an age glued to its unit; the age.
    func gluedUnitAge(_ i: Int) -> Int? {
        guard let t = tok(i), t.kind == .alnum, t.length <= 9 else { return nil }
        let digits = t.key.prefix { $0.isNumber }
        guard (1...2).contains(digits.count),
            ["yo", "yrs", "yr", "y", "yrsold", "yearold", "yearsold"].contains(String(t.key.dropFirst(digits.count)))
        else { return nil }
        return Int(digits)
    }
}
