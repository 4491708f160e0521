/// Recognisers for the identifiers of a connected life: web addresses that carry
/// a name or a profile, IP addresses, bank and card numbers (checked by their
/// check digits: IBAN mod 97, Luhn), phone numbers and e-mail addresses said
/// aloud ("oh seven seven double-oh …", "john dot smith at gmail dot com"),
/// and the last widening of spans so a title, "Big", "HMP" or half of a
/// hyphenated name is not left outside.
import Foundation
import SessionModel

extension ScanContext {
    static let topLevelDomains = Vocab.set(
        "com uk org net io gov ac nhs sch co info me tv edu biz eu scot wales cymru london app ly gg ee ai")
    static let profileHosts: Set<String> = [
        "facebook.com", "fb.com", "m.facebook.com", "instagram.com", "tiktok.com", "twitter.com", "x.com",
        "linkedin.com", "uk.linkedin.com", "snapchat.com", "youtube.com", "onlyfans.com", "threads.net",
        "t.me", "reddit.com", "twitch.tv", "wa.me", "vm.tiktok.com", "pinterest.com", "tumblr.com",
        "soundcloud.com", "paypal.me", "cash.app", "vinted.co.uk", "depop.com", "discord.gg",
        // Link pages: one person's links in one place.
        "linktr.ee", "beacons.ai", "lnk.bio", "bio.link", "linkin.bio", "campsite.bio", "solo.to",
        "taplink.cc", "allmylinks.com", "about.me", "carrd.co", "snipfeed.co", "komi.io", "hoo.be",
        // Gaming and chat profiles (session 10).
        "roblox.com", "web.roblox.com", "steamcommunity.com", "kick.com", "vk.com", "psnprofiles.com",
        "xboxgamertag.com", "fortnitetracker.com", "tracker.gg", "namemc.com", "patreon.com", "ko-fi.com",
        "bsky.app", "tellonym.me", "ask.fm", "kik.me",
    ]

    /// Path segments that name a user, whatever the host ("/users/884213377", "/profile/darkfox", "/u/zee"): the
    /// address is a profile when another segment follows one of them.
    static let userPathSegments = Vocab.set("users user u profile profiles id people members member player players")

    /// `path` ("/users/123/profile") names a user: a user segment, then a segment of two characters or more.
    static func namesAUser(_ path: Substring) -> Bool {
        let parts = path.split(separator: "/")
        for (k, part) in parts.enumerated().dropLast() where userPathSegments.contains(String(part)) {
            if parts[k + 1].count >= 2 { return true }
        }
        return false
    }

    mutating func findWebAndNetwork() {
        findURLs()
        findIPAddresses()
    }

    // MARK: Web addresses

    /// "https://…", "www.…", "facebook.com/tyler.b": flagged when the address carries a name or is a profile.
    mutating func findURLs() {
        let n = scalars.count
        var i = 0
        while i < n {
            if Tokeniser.isSpace(scalars[i]) {
                i += 1
                continue
            }
            var e = i
            var dots = 0
            var slashes = 0
            while e < n, !Tokeniser.isSpace(scalars[e]) {
                if scalars[e] == "." { dots += 1 } else if scalars[e] == "/" { slashes += 1 }
                e += 1
            }
            defer { i = e }
            guard dots > 0, e - i >= 6 else { continue }
            // Most runs with a dot are words ending a sentence: without a slash, only a "w" or "h" in the first
            // nine scalars lets "www." or "http" be there (no other scalar lower-cases to either), so the strings
            // below are built only then.
            if slashes == 0,
                !scalars[i..<min(e, i + 9)].contains(where: { $0 == "w" || $0 == "W" || $0 == "h" || $0 == "H" })
            {
                continue
            }
            let lead = String(String.UnicodeScalarView(scalars[i..<min(e, i + 9)])).lowercased()
            guard slashes > 0 || lead.contains("www.") || lead.contains("http") else { continue }
            var a = i
            while a < e, "(<\"'“‘[".unicodeScalars.contains(scalars[a]) { a += 1 }
            var b = e
            while b > a, ".,;:!?)>\"'’”]".unicodeScalars.contains(scalars[b - 1]) { b -= 1 }
            guard b > a else { continue }
            let text = String(String.UnicodeScalarView(scalars[a..<b])).lowercased()
            // An e-mail address is not a web address; "tiktok.com/@kayla" is (the @ comes after the host).
            if let at = text.firstIndex(of: "@"), text.firstIndex(of: "/").map({ at < $0 }) ?? true { continue }
            let explicit = text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("www.")
            guard explicit || slashes > 0 else { continue }
            var rest = Substring(text)
            for p in ["https://", "http://"] where rest.hasPrefix(p) { rest = rest.dropFirst(p.count) }
            var host = rest
            var path = Substring("")
            if let s = rest.firstIndex(of: "/") {
                host = rest[..<s]
                path = rest[s...]
            }
            if host.hasPrefix("www.") { host = host.dropFirst(4) }
            guard host.contains("."), let tld = host.split(separator: ".").last,
                explicit || Self.topLevelDomains.contains(String(tld)) || Self.profileHosts.contains(String(host))
            else { continue }
            let profile = Self.profileHosts.contains(String(host)) && path.count > 1 || Self.namesAUser(path)
            if profile || carriesName(String(path)) || carriesName(String(host.split(separator: ".").first ?? "")) {
                add(.url, scalars: a, b)
            }
        }
    }

    /// A piece of an address that holds a listed given name or surname that is not an everyday word ("tyler.brennan99").
    func carriesName(_ text: String) -> Bool {
        var word = ""
        func check() -> Bool {
            defer { word = "" }
            guard word.count >= 3 else { return false }
            let k = Tokeniser.fold(word)
            return (gazetteer.isGiven(k) || gazetteer.surnames.contains(k)) && !gazetteer.isWord(k)
                && !gazetteer.isAmbiguous(k)
                && !Vocab.notNames.contains(k) && !Self.brands.contains(k)
        }
        func glued() -> Bool {
            // "kaylabrennan": a given name glued to a surname or another given name.
            let u = Array(Tokeniser.fold(word).unicodeScalars)
            guard u.count >= 7, u.count <= 24 else { return false }
            for cut in 3...(u.count - 3) {
                let a = String(String.UnicodeScalarView(u[..<cut]))
                let b = String(String.UnicodeScalarView(u[cut...]))
                if gazetteer.isGiven(a), !gazetteer.isAmbiguous(a), gazetteer.isSurname(b), !gazetteer.isAmbiguous(b) {
                    return true
                }
            }
            return false
        }
        for c in text.unicodeScalars {
            if Tokeniser.isLetter(c) { word.unicodeScalars.append(c) } else if glued() || check() { return true }
        }
        return glued() || check()
    }

    // MARK: IP addresses

    /// "192.168.1.20" (each part 0–255, not inside a longer dotted number or a version "v1.2.3.4"), and IPv6 with "::" or 7 colons.
    static let versionWords = Vocab.set("version ver v build firmware release update patch")

    mutating func findIPAddresses() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .number, info[i].length <= 3 else { continue }
            var parts = [i]
            var j = i
            while parts.count < 4, let dot = tok(j + 1), dot.text == ".", !dot.spaceBefore, let m = at(j + 2),
                m.kind == .number, !m.spaceBefore, m.length <= 3
            {
                parts.append(j + 2)
                j += 2
            }
            guard parts.count == 4, parts.allSatisfy({ (Int(tokens[$0].text) ?? 999) <= 255 }) else { continue }
            if let p = tok(i - 1), !info[i].spaceBefore, p.isWordLike || p.text == "." { continue }
            // "sw version 4.1.2.9": a version number has four parts too.
            if Self.versionWords.contains(key(i - 1)) { continue }
            if let nx = tok(j + 1), !nx.spaceBefore,
                nx.isWordLike || (nx.text == "." && tok(j + 2).map { !$0.spaceBefore && $0.kind == .number } == true)
            {
                continue
            }
            add(.ipAddress, tokens: i, j)
            i = j
        }
        // IPv6 on scalars: hex groups and colons.
        var a = 0
        while a < scalars.count {
            guard Tokeniser.isHexDigit(scalars[a]) || scalars[a] == ":" else {
                a += 1
                continue
            }
            if a > 0, Tokeniser.isWordScalar(scalars[a - 1]) {
                a += 1
                while a < scalars.count, Tokeniser.isWordScalar(scalars[a]) { a += 1 }
                continue
            }
            var b = a
            var colons = 0
            var double = false
            var group = 0
            var ok = true
            while b < scalars.count, Tokeniser.isHexDigit(scalars[b]) || scalars[b] == ":" {
                if scalars[b] == ":" {
                    colons += 1
                    if b > a && scalars[b - 1] == ":" { double = true }
                    group = 0
                } else {
                    group += 1
                    if group > 4 { ok = false }
                }
                b += 1
            }
            if b < scalars.count, Tokeniser.isWordScalar(scalars[b]) { ok = false }
            let hasLetterHex = scalars[a..<b].contains { Tokeniser.isLetter($0) }
            if ok, colons == 7 || (double && colons >= 2 && hasLetterHex), b - a >= 6 { add(.ipAddress, scalars: a, b) }
            a = max(b, a + 1)
        }
    }

    // MARK: Bank and card numbers

    mutating func findFinancial() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            if covered(i) { continue }
            if let e = iban(at: i) {
                add(.financial, tokens: i, e)
                i = e
                continue
            }
            if t.kind == .number, let e = cardNumber(at: i) {
                add(.financial, tokens: i, e)
                i = e
                continue
            }
            // "sort code 20-00-00", "sort code: 20 00 00", "s/c 200000"; then an account number may follow.
            // "s/c 20 00 00", "sort: 200000": the cue's short forms.
            let sc = t.key.equals("s") && key(i + 1).equals("/") && key(i + 2).equals("c") && !info[i + 1].spaceBefore
            if t.key.equals("sort") || t.key.equals("sortcode") || sc {
                var j = t.key.equals("sort") && key(i + 1).equals("code") ? i + 2 : sc ? i + 3 : i + 1
                j = afterBankFillers(j, reach: 8)
                // "her sort is 40-47-11": "sort" alone is a verb too, so then the code must come in its pairs.
                let alone = t.key.equals("sort") && !key(i + 1).equals("code") && !key(i + 1).equals(":")
                if let e = sortCode(at: j), !alone || e > j {
                    add(.financial, tokens: j, e)
                    i = e
                    continue
                }
            }
            // "account number 31926819", "acc no. 12345678", "a/c 12345678".
            if t.key.isOne(of: ["account", "acc", "acct", "a/c"])
                || (t.key.equals("a") && key(i + 1).equals("/") && key(i + 2).equals("c"))
            {
                let j = afterBankFillers(t.key.equals("a") ? i + 3 : i + 1, reach: 8)
                // "acc 40-11-62 / 71408833": the sort code first, then the account.
                if let (e, a) = sortCodeThenAccount(at: j) {
                    add(.financial, tokens: j, e)
                    add(.financial, tokens: a, a)
                    i = a
                    continue
                }
                if let n = at(j), n.kind == .number, (6...10).contains(n.length), standalone(j, j) {
                    add(.financial, tokens: j, j)
                    i = j
                    continue
                }
                // "account 3192 6819", "acc no 319 268 19", "a/c 3192-6819": the number in groups.
                if let e = accountGroups(at: j) {
                    add(.financial, tokens: j, e)
                    i = e
                    continue
                }
            }
            // "bank details: 20-00-00 31926819", "the number was 40-11-62, 55019384": a sort code written with its
            // separators, then (after a comma or "and" at most) an account number.
            if let (e, a) = sortCodeThenAccount(at: i) {
                add(.financial, tokens: i, e)
                add(.financial, tokens: a, a)
                i = a
                continue
            }
        }
    }

    /// A sort code written with its separators, then (after a comma, "and" or a slash at most: "40-11-62 / 71408833",
    /// session 13) an eight-digit account number; the code's last token and the account's.
    func sortCodeThenAccount(at i: Int) -> (Int, Int)? {
        guard let t = at(i), t.kind == .number, t.length == 2, at(i + 1)?.isPunct("-.") == true,
            !info[i + 1].spaceBefore, let e = sortCode(at: i), e > i
        else { return nil }
        let a = key(e + 1).equals(",") || key(e + 1).equals("and") || key(e + 1).equals("/") ? e + 2 : e + 1
        guard let n = at(a), n.kind == .number, n.length == 8, standalone(i, e), standalone(a, a) else { return nil }
        return (e, a)
    }

    /// Words between a bank number's cue and the number ("account number was, hold on, …", "sort code's"): the first
    /// token after them, at most `reach` tokens on.
    func afterBankFillers(_ from: Int, reach: Int) -> Int {
        var j = from
        while j < tokens.count, j - from < reach {
            let k = key(j)
            if Self.bankFillers.contains(k) || inSet(.hesitations, j) || Self.spokenFillers.contains(k) {
                j += 1
            } else if k.isOne(of: ["hold", "hang"]), key(j + 1).equals("on") {
                j += 2
            } else {
                break
            }
        }
        return j
    }

    static let bankFillers = Vocab.set("number no num nr is was : . - # , details code 's ' ’ s of it's its")

    /// "GB82 WEST 1234 5698 7654 32" or unspaced: two letters, two check digits, up to 30 more; mod 97 must be 1.
    func iban(at i: Int) -> Int? {
        let t = tokens[i]
        guard t.kind == .alnum, t.length >= 4 else { return nil }
        let u = Array(t.text.unicodeScalars)
        func upperLetter(_ c: Unicode.Scalar) -> Bool { c.value >= 65 && c.value <= 90 }
        func digit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        guard upperLetter(u[0]), upperLetter(u[1]), digit(u[2]), digit(u[3]) else { return nil }
        var compact = t.text
        var best: Int?
        var j = i
        while true {
            if compact.count >= 15, compact.count <= 34, Self.ibanValid(compact) { best = j }
            guard let n = tok(j + 1), n.isWordLike, n.start - info[j].end <= 1, n.length <= 4 || !n.spaceBefore,
                n.text == n.text.uppercased(), compact.count + n.length <= 34
            else { break }
            compact += n.text
            j += 1
        }
        return best
    }

    static func ibanValid(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count >= 15 else { return false }
        var remainder = 0
        for c in u[4...] + u[..<4] {
            if c.value >= 48 && c.value <= 57 {
                remainder = (remainder * 10 + Int(c.value - 48)) % 97
            } else if c.value >= 65 && c.value <= 90 {
                remainder = (remainder * 100 + Int(c.value - 55)) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// 13–19 digits in groups (spaces or hyphens), first digit 2–6, Luhn-valid: a payment card number.
    func cardNumber(at i: Int) -> Int? {
        guard let first = tokens[i].text.unicodeScalars.first, "23456".unicodeScalars.contains(first) else {
            return nil
        }
        if let p = at(i - 1), !info[i].spaceBefore, p.isWordLike || p.isPunct(".,/:") { return nil }
        var digits = ""
        var j = i
        var best: Int?
        while true {
            digits += tokens[j].text
            if digits.count > 19 { break }
            if digits.count >= 13, Self.luhnValid(digits), j == i || info[i].length >= 3 {
                if let n = at(j + 1), !n.spaceBefore, n.isWordLike {} else { best = j }
            }
            // Next group: one space or a hyphen between.
            var k = j + 1
            if let sep = at(k), sep.isPunct("-"), !sep.spaceBefore { k += 1 }
            guard let n = at(k), n.kind == .number, n.start - info[k - 1].end <= 1,
                n.length >= 3 || digits.count + n.length >= 13
            else { break }
            j = k
        }
        return best
    }

    static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (k, c) in digits.reversed().enumerated() {
            guard var d = c.wholeNumberValue else { return false }
            if k % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return sum % 10 == 0 && Set(digits).count > 1
    }

    /// "3192 6819", "319 268 19", "3192-6819": an account number in two or three groups from `i` (six to ten digits,
    /// groups of two to four, no longer run of digits after); the last token.
    func accountGroups(at i: Int) -> Int? {
        guard let t = at(i), t.kind == .number, (2...4).contains(t.length) else { return nil }
        var j = i
        var digits = t.length
        var groups = 1
        while groups < 3 {
            var k = j + 1
            if let s = at(k), s.isPunct("-"), !s.spaceBefore { k += 1 }
            guard let n = at(k), n.kind == .number, (2...4).contains(n.length), n.start - info[k - 1].end <= 1,
                digits + n.length <= 10
            else { break }
            digits += n.length
            groups += 1
            j = k
        }
        guard groups >= 2, (6...10).contains(digits), standalone(i, j) else { return nil }
        if let n = at(j + 1), n.kind == .number, n.start - info[j].end <= 1 { return nil }
        return j
    }

    /// "20-00-00", "20.00.00", "20 00 00", "200000".
    func sortCode(at i: Int) -> Int? {
        guard let t = at(i), t.kind == .number else { return nil }
        if t.length == 6 { return i }
        guard t.length == 2 else { return nil }
        var j = i
        for _ in 0..<2 {
            var k = j + 1
            if let s = at(k), s.isPunct("-."), !s.spaceBefore { k += 1 }
            guard let n = at(k), n.kind == .number, n.length == 2, n.start - info[k - 1].end <= 1 else { return nil }
            j = k
        }
        return j
    }

    // MARK: Said aloud

    static let spokenDigits: [String: Character] = [
        "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
        "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    ]

    /// Phone numbers and e-mail addresses in words, normalised before matching (phones and every other number said
    /// aloud are read by `findSpokenCodes`, through the one normaliser `spokenRun`).
    mutating func findSpokenContacts() {
        findSpokenEmails()
        findSpokenURLs()
        findSpokenHandles()
        findSpokenCodes()
        findSpokenOutwardCodes()
        findOneLetterOutwardsSaid()
    }

    /// "in em fourteen", "from ess four", "lives in b twenty one", "e eight three something": a postcode area of one
    /// letter said by name or typed alone in lower case, its district said as a number (and a sector's digit), after a
    /// place cue ("in", "from", "around", "covers", "the", a postcode word, another code just before) or before
    /// "area"/"something"/"postcode"; a motorway's number only after a postcode word or where someone lives.
    mutating func findOneLetterOutwardsSaid() {
        for (i, t) in tokens.enumerated() where t.kind == .word && t.length <= 3 && !t.capitalised {
            let letter: Character? =
                t.length == 1 ? Character(t.key.uppercased()) : isGated(i) ? Self.spokenLetters[t.key] : nil
            // "it's four": the "s" of a contraction is no letter.
            guard let letter, Self.oneLetterAreas.contains(letter), info[i].spaceBefore || i == 0, !covered(i),
                var d = numberWord(i + 1),
                d >= 1 && d <= 99, !info[i + 1].capitalised
            else { continue }
            var e = i + 1
            // "twenty one", "twenty-one".
            if d >= 20, d % 10 == 0 {
                let u = key(e + 1).equals("-") ? e + 2 : e + 1
                if let v = numberWord(u), v < 10 {
                    d += v
                    e = u
                }
            }
            // A sector's digit, then "something" or "area".
            var end = e
            if let v = numberWord(e + 1), v < 10, key(e + 2).isOne(of: ["something", "area", "summat"]) { end = e + 1 }
            let after = key(end + 1)
            if Self.countNouns.contains(after) || at(end + 1)?.kind == .number || numberWord(end + 1) != nil {
                continue
            }
            let code = "\(letter)\(d)"
            let postcodeWord = postcodeWordBefore(i)
            let cueAfter = ["area", "something", "postcode", "district", "summat", "way", "end"].contains(after)
            if ScanContext.isMotorway(code) {
                guard postcodeWord || cueAfter || livesIn(i) else { continue }
            }
            // "the b one" is the second choice; "the em twelve lot" a place's people.
            let cueBefore =
                key(i - 1).isOne(of: ["in", "from", "around", "covers", "covering", "postcode"])
                || key(i - 1).equals("the") && Self.postcodeListNouns.contains(after)
            guard cueBefore || cueAfter || postcodeWord || codeSaidBefore(i) || livesIn(i) else { continue }
            // "she's in ess four": a Scottish pupil's year.
            if letter == "S", d <= 6, yearGroupBefore(i - 1) { continue }
            if key(i - 2).isOne(of: ["low", "high", "rich"]) { continue }
            add(.postcode, tokens: i, end)
        }
    }

    /// Two-letter areas that are words or common abbreviations in lower case ("so", "me", "hr", "pe", "wc", "ca").
    static let outwardAreaWords = Vocab.set(
        "al ba bs ca ch cm co de eh ex ha hp hr ip iv la le ll me ml pa pe ph pl po pr so sp st ta wc yo")
    /// What follows a number that makes it a count, not a district ("so nine times", "pe three days a week").
    static let countNouns = Vocab.set(
        """
        times time days day weeks week months month years year hours hour minutes mins pounds quid percent per of
        people o'clock
        """)

    /// "that whole ls nine patch", "lu three anyway": an outward code typed in lower case with its district said as a
    /// word. Two letters of a postcode area that are no word, then a number from one to twenty-nine.
    mutating func findSpokenOutwardCodes() {
        for (i, t) in tokens.enumerated() where t.kind == .word && t.length == 2 && !t.capitalised {
            guard let n = tok(i + 1), n.kind == .word, !n.capitalised, let d = ScanContext.numberWords[n.key],
                (1...29).contains(d)
            else { continue }
            let area = t.text.uppercased()
            guard Self.postcodeAreas.contains(area), !Self.outwardAreaWords.contains(t.key), !covered(i),
                !covered(i + 1)
            else { continue }
            var e = i + 1
            // "ls twenty-one": a compound district.
            if d >= 20, key(e + 1).equals("-"), let u = ScanContext.numberWords[key(e + 2)], u < 10 { e += 2 }
            if Self.countNouns.contains(key(e + 1)) || at(e + 1)?.kind == .number { continue }
            if let m = tok(e + 1), m.kind == .word, ScanContext.numberWords[m.key] != nil { continue }
            add(.postcode, tokens: i, e)
        }
    }

    // MARK: Codes said aloud

    /// Tens said as words ("forty-one" is two digits).
    static let spokenTens: [String: Character] = [
        "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
        "eighty": "8", "ninety": "9",
    ]
    static let spokenTeens: [String: String] = [
        "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
        "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    ]
    static let spokenFillers = Vocab.set("um uh er erm ah")
    static let spokenStarts: Set<String> = Set(spokenDigits.keys).union(spokenTens.keys).union(spokenTeens.keys).union([
        "double", "triple", "treble",
    ])
    static let nhsCues = Vocab.set("nhs chi")
    static let cardCues = Vocab.set("card debit credit visa mastercard amex")
    static let accountCues = Vocab.set("account acc acct")

    /// One character of a code said aloud, with the token it ends on.
    struct SpokenChar {
        var char: Character
        var token: Int
    }

    /// A code read out character by character: digit words ("six seven five", "double-oh", "forty-one"), spelled capital
    /// letters ("S-H", "W-U-six-nine"), digits, and "slash"; commas, hyphens and "um" between. Returns the characters and how
    /// many were said as words or spelled letters.
    func spokenRun(from i: Int) -> ([SpokenChar], Int) {
        var out: [SpokenChar] = []
        var said = 0
        var j = i
        while j < tokens.count, out.count < 24 {
            let t = tokens[j]
            let k = t.key
            // "whisky kilo one eight": letters said in the phonetic alphabet ("x-ray" is three tokens).
            if let letter = natoLetter(at: j) {
                out.append(SpokenChar(char: letter.char, token: letter.end))
                said += 1
                j = letter.end + 1
                continue
            }
            // "ell ess six two bee jay": a letter said by its name, once the run has begun or before another.
            // Session 13: "el thirty two": one letter that is a postcode area alone, then its district said.
            if let letter = Self.spokenLetters[k],
                !out.isEmpty || Self.spokenLetters[key(j + 1)] != nil
                    || Self.oneLetterAreas.contains(letter) && Self.spokenStarts.contains(key(j + 1))
            {
                out.append(SpokenChar(char: letter, token: j))
                said += 1
                j += 1
                continue
            }
            if t.kind == .word, t.length == 1, t.capitalised {
                // "…, six P-D, I think": the pronoun, not a spelled letter.
                if t.text == "I", info[j].spaceBefore, let n = tok(j + 1), n.kind == .word, !n.capitalised,
                    !Self.spokenStarts.contains(n.key)
                {
                    break
                }
                // A spelled letter: glued by hyphens to its neighbours, or between commas ("…, A, and").
                out.append(SpokenChar(char: Character(String(t.text).uppercased()), token: j))
                said += 1
                j += 1
                continue
            }
            // Session 13: "WF thirteen four HQ": a postcode area's two capitals open a code said aloud, and two
            // capitals go on one begun.
            if t.kind == .word, t.length == 2, t.allCaps,
                !out.isEmpty || Self.spokenStarts.contains(key(j + 1)) || Self.postcodeAreas.contains(t.text)
            {
                for c in t.text { out.append(SpokenChar(char: c, token: j)) }
                said += 1
                j += 1
                continue
            }
            // "n r five nine oh three one four c": letters a captioner wrote apart in lower case ("a", "i" and "o"
            // are words or a zero).
            if lowerCaseLetter(j) {
                out.append(SpokenChar(char: Character(t.text.uppercased()), token: j))
                said += 1
                j += 1
                continue
            }
            if let d = Self.spokenDigits[k], !(k.equals("o") && !t.capitalised && out.isEmpty) {
                out.append(SpokenChar(char: d, token: j))
                said += 1
                j += 1
                continue
            }
            if k.equals("double") || k.equals("triple") || k.equals("treble") {
                var m = j + 1
                if key(m).equals("-") { m += 1 }
                guard let d = Self.spokenDigits[key(m)] else { break }
                for _ in 0..<(k.equals("double") ? 2 : 3) { out.append(SpokenChar(char: d, token: m)) }
                said += 1
                j = m + 1
                continue
            }
            if let tens = Self.spokenTens[k] {
                var m = j + 1
                if key(m).equals("-"), !info[m].spaceBefore { m += 1 }
                if let u = Self.spokenDigits[key(m)], !key(m).equals("oh"), !key(m).equals("o"), !key(m).equals("zero"),
                    !key(m).equals("nought"), !key(m).equals("nil")
                {
                    out.append(SpokenChar(char: tens, token: m))
                    out.append(SpokenChar(char: u, token: m))
                    said += 2
                    j = m + 1
                    continue
                }
                out.append(SpokenChar(char: tens, token: j))
                out.append(SpokenChar(char: "0", token: j))
                said += 1
                j += 1
                continue
            }
            if let teen = Self.spokenTeens[k] {
                for c in teen { out.append(SpokenChar(char: c, token: j)) }
                said += 1
                j += 1
                continue
            }
            if k.equals("hundred"), !out.isEmpty {
                out.append(SpokenChar(char: "0", token: j))
                out.append(SpokenChar(char: "0", token: j))
                j += 1
                continue
            }
            if k.equals("slash") || k.equals("stroke"), !out.isEmpty {
                out.append(SpokenChar(char: "/", token: j))
                j += 1
                continue
            }
            // "one nine two dot oh dot two": an address said aloud.
            if k.equals("dot"), !out.isEmpty, Self.spokenStarts.contains(key(j + 1)) || at(j + 1)?.kind == .number {
                out.append(SpokenChar(char: ".", token: j))
                j += 1
                continue
            }
            if t.kind == .number, t.length <= 4, !out.isEmpty || said == 0 {
                for c in t.text { out.append(SpokenChar(char: c, token: j)) }
                j += 1
                continue
            }
            if t.isPunct(",-–"), !out.isEmpty {
                j += 1
                continue
            }
            if Self.spokenFillers.contains(k), !out.isEmpty {
                j += 1
                continue
            }
            break
        }
        return (out, said)
    }

    /// Token `j` is one lower-case letter that is no word ("n", "r", "s", "k"; not "a", "i" or "o").
    func lowerCaseLetter(_ j: Int) -> Bool {
        guard let t = at(j), t.kind == .word, t.length == 1, !t.capitalised else { return false }
        let c = key(j)
        return !c.equals("a") && !c.equals("i") && !c.equals("o") && c.unicodeScalars.allSatisfy { $0.value < 128 }
    }

    /// The letters that are a postcode area alone, said by name ("el thirty two", "bee twenty").
    static let oneLetterAreas: Set<Character> = ["B", "E", "G", "L", "M", "N", "S", "W"]

    /// The phonetic alphabet, as police, call handlers and people reading out a plate use it.
    static let natoLetters: [String: Character] = [
        "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
        "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
        "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
        "tango": "T", "uniform": "U", "victor": "V", "whisky": "W", "whiskey": "W", "xray": "X", "yankee": "Y",
        "zulu": "Z",
    ]

    /// A letter said in the phonetic alphabet at token `j` ("kilo", "x-ray"), with the token it ends on.
    func natoLetter(at j: Int) -> (char: Character, end: Int)? {
        guard let t = tok(j), t.kind == .word, t.length >= 4 || t.key.equals("x") else { return nil }
        if t.key.equals("x") {
            // "X Ray Tango": a captioner's two words.
            if key(j + 1).equals("ray"), t.capitalised, at(j + 1)?.capitalised == true { return ("X", j + 1) }
            return key(j + 1).equals("-") && key(j + 2).equals("ray") && !info[j + 1].spaceBefore ? ("X", j + 2) : nil
        }
        return isGated(j) ? Self.natoLetters[t.key].map { ($0, j) } : nil
    }

    /// Whether a word in `cues` comes within `reach` tokens before `i`, in the same sentence.
    func cueBefore(_ i: Int, _ cues: Set<String>, reach: Int = 14) -> Bool {
        var j = i - 1
        while j >= 0, i - j <= reach {
            if info[j].isPunct(".!?") { return false }
            if cues.contains(tokens[j].key) { return true }
            j -= 1
        }
        return false
    }

    /// NHS, National Insurance, vehicle, postcode, card, sort code, account and case numbers said aloud, normalised and then
    /// held to the same shapes and check digits as when they are written.
    mutating func findSpokenCodes() {
        // Most texts say fewer than three digits or letters aloud: one look-up per short word decides.
        var said = 0
        for (i, t) in tokens.enumerated() where t.kind == .word && t.length <= 9 {
            if inSet(.spokenStarts, i) || t.length == 1 && t.capitalised || t.length >= 4 && natoLetter(at: i) != nil
                || isGated(i) && Self.spokenLetters[t.key] != nil || t.length == 1 && lowerCaseLetter(i)
                || t.length == 2 && t.allCaps
            {
                said += 1
                if said >= 3 { break }
            }
        }
        guard said >= 3 else { return }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            // A run may open with digits typed as said ("485, seven seven seven, …").
            let digitsFirst =
                t.kind == .number && t.length <= 4
                && (Self.spokenStarts.contains(key(i + 1))
                    || key(i + 1).equals(",") && Self.spokenStarts.contains(key(i + 2)))
            // "B D twenty-one, four P S", "plate G T F four one eight V": letters said apart after a cue.
            let letterFirst =
                t.length == 1 && t.capitalised
                && (key(i + 1).equals("-")
                    || (Self.spokenStarts.contains(key(i + 1))
                        || tok(i + 1).map { $0.length == 1 && $0.capitalised }
                            == true)
                        && (cueBefore(i, Self.spelledCodeCues, reach: 8) || codeJustBefore(i)))
            // "whisky kilo one eight, x-ray romeo lima": a plate or postcode in the phonetic alphabet, two letters of
            // it at least, held to the same shapes as one spelled in capitals.
            let natoFirst =
                natoLetter(at: i).map { first in
                    natoLetter(at: first.end + 1) != nil
                        || (Self.spokenStarts.contains(key(first.end + 1)) || at(first.end + 1)?.kind == .number)
                            && (i + 1..<min(tokens.count, i + 14)).contains {
                                natoLetter(at: $0) != nil && $0 > first.end + 1
                            }
                } ?? false
            // "ell en six eight oh aitch vee", "jay tee four eight…": two letters said by name, then the rest.
            let namedFirst =
                isGated(i) && Self.spokenLetters[t.key] != nil
                && (Self.spokenLetters[key(i + 1)] != nil
                    || tok(i + 1).map { $0.length == 1 && $0.capitalised } == true)
            // "like C R I twenty four oh oh…": capitals said apart, then digits said aloud, read as a code with no cue
            // (held below to a code's shapes: the NI, plate and postcode formats, or a system's letters and a number).
            let spelledThenSaid =
                t.length == 1 && t.capitalised && t.text != "I" && t.text != "A"
                && (1...3).contains { n in
                    (i + 1...i + n).allSatisfy { tok($0).map { $0.length == 1 && $0.capitalised } == true }
                        && (Self.spokenStarts.contains(key(i + n + 1))
                            || key(i + n + 1).equals(",") && Self.spokenStarts.contains(key(i + n + 2)))
                }
            // "Q Q one two three four five six C": two letters said apart and digits, read as an NI number alone.
            let niShape =
                !letterFirst && t.length == 1 && t.capitalised
                && tok(i + 1).map { $0.kind == .word && $0.length == 1 && $0.capitalised } == true
                && Self.spokenStarts.contains(key(i + 2))
            // Session 13: "WF thirteen four HQ": an area's two capitals, then its district said aloud.
            let areaFirst = t.length == 2 && t.allCaps && Self.spokenStarts.contains(key(i + 1))
            // "n r five nine oh…", "s k eight": letters apart in lower case, then digits said or typed.
            let lowerFirst =
                lowerCaseLetter(i) && lowerCaseLetter(i + 1)
                && (Self.spokenStarts.contains(key(i + 2)) || at(i + 2)?.kind == .number)
            // "el thirty two": one letter said by name that is a postcode area alone, then its district.
            let oneNamed =
                isGated(i) && Self.spokenLetters[t.key].map { Self.oneLetterAreas.contains($0) } == true
                && Self.spokenStarts.contains(key(i + 1))
            // "Oh, er, four one six seven…": an "oh" before a hesitation is the speaker's, not a zero.
            if t.key.equals("oh"),
                Self.spokenFillers.contains(key(i + 1))
                    || key(i + 1).equals(",") && Self.spokenFillers.contains(key(i + 2))
            {
                continue
            }
            guard t.kind == .word || digitsFirst,
                Self.spokenStarts.contains(t.key) || letterFirst || digitsFirst || niShape || natoFirst || namedFirst
                    || spelledThenSaid || areaFirst || lowerFirst || oneNamed, !covered(i)
            else { continue }
            let (run, said) = spokenRun(from: i)
            guard said >= 3, run.count >= 3 else { continue }
            let all = run.map(\.char)
            // A number said aloud ends at the first letter ("…, six six two, I think").
            let spelled = all[0].isLetter
            let chars = spelled ? all : Array(all.prefix { !$0.isLetter })
            // Each rule tries the longest prefix first, so a word said after the code ("…, R-L-X, I remember") is left out.
            // "…six eight oh aitch vee": an "oh" among a code's letters is the letter O.
            let ohAsLetter = chars.indices.map { k in
                chars[k] == "0" && key(run[k].token).isOne(of: ["oh", "o"]) ? Character("O") : chars[k]
            }
            func longest(_ ok: (String) -> Bool) -> Int? {
                var n = chars.count
                while n >= 3 {
                    if chars[n - 1] != "/", ok(String(chars[0..<n])) { return n }
                    n -= 1
                }
                return nil
            }
            var found: (IdentifierLabel, Int)?
            if !spelled {
                let digitsOnly = { (s: String) in s.allSatisfy { $0.isNumber } }
                // The whole run is ten digits with a valid check digit: an NHS number even with its cue said
                // earlier ("it's four three oh, oh six oh, …"); a phone's shape wins.
                let wholeNHS =
                    chars.count == 10 && digitsOnly(String(chars)) && NHSNumber.isValid(String(chars))
                    && tok(run[9].token + 1).map { $0.kind != .number || $0.spaceBefore } ?? true
                // "plus four four seven seven…": the country code said aloud.
                let international = key(i - 1).equals("plus") && String(chars).hasPrefix("44")
                let nhsShape = { (s: String) in digitsOnly(s) && s.count == 10 && NHSNumber.isValid(s) }
                // Session 17 (`asylum13`): "plus four nine, one five one, …", "double oh nine three, seven oh, …": a
                // number from abroad said aloud, held to the E.164 shape as when written (`abroad`).
                let plus = key(i - 1).equals("plus") && !String(chars).hasPrefix("44")
                let dialled = !plus && Self.isSpokenAbroad(String(chars), plus: false)
                if international, let n = longest({ $0.count > 2 && Self.isSpokenPhone("0" + $0.dropFirst(2)) }) {
                    add(.phone, tokens: i - 1, run[n - 1].token)
                    i = run[n - 1].token
                    continue
                } else if plus, let n = longest({ Self.isSpokenAbroad($0, plus: true) }) {
                    add(.phone, tokens: i - 1, run[n - 1].token)
                    i = run[n - 1].token
                    continue
                } else if dialled, !cueBefore(i, Self.nhsCues), !cueBefore(i, Self.accountCues, reach: 10),
                    !cueBefore(i, Vocab.caseCues, reach: 10), let n = longest({ Self.isSpokenAbroad($0, plus: false) })
                {
                    found = (.phone, n)
                } else if chars.first == "0", nhsCueNearest(before: i), let n = longest(nhsShape) {
                    // After an NHS cue, ten digits from 0 that validate are its number, not a phone (as written).
                    found = (.nhsNumber, n)
                } else if let n = longest(Self.isSpokenPhone) {
                    found = (.phone, n)
                } else if let n = longest(Self.isSpokenIPv4) {
                    found = (.ipAddress, n)
                } else if let n = longest({ s in
                    s.filter { $0 == "/" }.count == 2 && s.filter(\.isNumber).count >= 6 && !s.hasPrefix("/")
                }) {
                    // "forty-three slash one two three nine eight slash twenty-four": a crime number's shape.
                    found = (.caseRef, n)
                } else if cueBefore(i, Self.nhsCues) || wholeNHS, let n = longest(nhsShape) {
                    found = (.nhsNumber, n)
                } else if cueBefore(i, Self.dateOfBirthCues, reach: 6),
                    let n = longest({ digitsOnly($0) && Self.isCompactDate($0) })
                {
                    found = (.dateOfBirth, n)
                } else if cueBefore(i, Self.cardCues) || chars.count >= 16,
                    let n = longest({ digitsOnly($0) && (13...19).contains($0.count) && Self.luhnValid($0) })
                {
                    found = (.financial, n)
                } else if cueBefore(i, ["sort"], reach: 8), let n = longest({ digitsOnly($0) && $0.count == 6 }) {
                    found = (.financial, n)
                } else if cueBefore(i, Self.accountCues, reach: 10),
                    let n = longest({ digitsOnly($0) && (6...10).contains($0.count) })
                {
                    // "account number was, hold on, five two nine one, …": a pause between the cue and the number.
                    found = (.financial, n)
                } else if cueBefore(i, Vocab.caseCues, reach: key(i - 1).isOne(of: ["was", "is"]) ? 18 : 10),
                    let n = longest({ s in s.filter(\.isNumber).count >= 4 && !s.hasPrefix("/") })
                {
                    // Session 13: "the police log for that, I remember because …, was one three, two two, …": the
                    // number handed to its cue by "was" further on.
                    found = (.caseRef, n)
                }
            } else {
                let postcodeCue = cueBefore(i, ["postcode", "post"], reach: 6)
                let fullPostcode = { (s: String) in
                    s.count >= 5 && Self.isOutward(String(s.dropLast(3))) && Self.isInward(String(s.suffix(3)))
                }
                if chars.count >= 15, let n = longest({ $0.count >= 15 && Self.ibanValid($0) }) {
                    // "G-B fifty-two B-A-R-C two zero…": an IBAN said aloud, held to its check digits (session 8).
                    found = (.financial, n)
                } else if niShape, let n = longest({ Self.isNINumber($0) }) {
                    found = (.niNumber, n)
                } else if postcodeCue, let n = longest(fullPostcode) {
                    found = (.postcode, n)
                } else if let n = longest({ Self.isNINumber($0) }) {
                    found = (.niNumber, n)
                } else if cueBefore(i, Self.niCues, reach: 8), let n = longest({ Self.isNINumber($0 + "A") }) {
                    // Session 13: "her ni is n r five nine oh three one four": the suffix left unsaid after the cue.
                    found = (.niNumber, n)
                } else if let n = longest({ Self.isVehicleReg($0) }) {
                    found = (.vehicleReg, n)
                } else if let n = longest({
                    $0.count >= 5 && Self.isOutward(String($0.dropLast(3))) && Self.isInward(String($0.suffix(3)))
                }) {
                    found = (.postcode, n)
                } else if cueBefore(i, Vocab.caseCues, reach: 10),
                    let n = longest({ s in s.filter(\.isNumber).count >= 4 && s.prefix(4).contains(where: \.isNumber) })
                {
                    // "the reference was M-C-S, two four, oh oh nine one two": a system's letters, then the number.
                    found = (.caseRef, n)
                } else if ohAsLetter != chars, Self.isVehicleReg(String(ohAsLetter)) {
                    // Only when every character said makes the plate, and no code reads the "oh" as a zero.
                    found = (.vehicleReg, chars.count)
                } else if let n = longest(Self.isSpelledReference) {
                    // "S-C, twenty-three, oh oh eight seven one": a system's letters and six digits or more need no cue.
                    found = (.caseRef, n)
                } else if chars.count == 4, Self.isPlateFront(String(chars)),
                    ["something", "summat", "…"].contains(key(run[3].token + 1))
                        || key(run[3].token + 1).equals("and") && key(run[3].token + 2).equals("then")
                            && key(run[3].token + 3).isOne(of: ["something", "summat"])
                {
                    // "all we had was K T sixty-eight and then something": the front half of a plate, the rest unknown.
                    found = (.vehicleReg, 4)
                } else if let n = longest({ Self.isOutward($0) }) {
                    let after = key(run[n - 1].token + 1)
                    // "the postcode was O X four something": an outward code said alone after the cue (session 9).
                    // Session 13: after "from"/"covers", a postcode word further back, or in a list or correction
                    // after another code ("bee bee one, mostly, bee bee one and … bee bee two").
                    // "in PE three times a week": a count.
                    if !Self.countNouns.contains(after),
                        ["area", "postcode", "district", "way", "something"].contains(after)
                            || ["in", "near", "postcode", "around", "the", "from", "covers", "covering"].contains(
                                key(i - 1))
                            || postcodeCue || postcodeWordBefore(i) || codeSaidBefore(i)
                    {
                        found = (.postcode, n)
                    }
                }
            }
            guard let (label, n) = found else { continue }
            let last = run[n - 1].token
            add(label, tokens: i, last)
            i = last
        }
    }

    /// The front half of a current plate: two letters (no I, Q or Z) and an age identifier (02–29, 51–79).
    static func isPlateFront(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count == 4,
            u[0...1].allSatisfy({ $0.value >= 65 && $0.value <= 90 && !"IQZ".unicodeScalars.contains($0) }),
            let age = Int(String(String.UnicodeScalarView(u[2...3])))
        else { return false }
        return (2...29).contains(age) || (51...79).contains(age)
    }

    /// Two to four letters, then six digits or more: a case system's prefix and its number, said aloud.
    static func isSpelledReference(_ s: String) -> Bool {
        let letters = s.prefix { $0.isLetter }.count
        let rest = s.dropFirst(letters)
        return (2...4).contains(letters) && rest.count >= 6 && rest.allSatisfy(\.isNumber)
    }

    /// A number from abroad said aloud: after "plus", nine to fifteen digits from a country code (no leading 0);
    /// dialled with "00", the country code then nine to fifteen digits ("double oh nine three, seven oh, …").
    static func isSpokenAbroad(_ s: String, plus: Bool) -> Bool {
        guard s.allSatisfy(\.isNumber) else { return false }
        let national = plus ? Substring(s) : s.hasPrefix("00") ? s.dropFirst(2) : ""
        guard let c = national.first, c != "0" else { return false }
        return (9...15).contains(national.count)
    }

    /// A UK phone number said aloud: 10 or 11 digits from 0, not a freephone or premium line (as when written).
    static func isSpokenPhone(_ s: String) -> Bool {
        guard s.count == 10 || s.count == 11, s.allSatisfy(\.isNumber), s.hasPrefix("0"),
            let second = s.dropFirst().first, "12378".contains(second), !(s.hasPrefix("07") && s.count != 11)
        else { return false }
        return !(s.hasPrefix("080") || s.hasPrefix("0500") || s.hasPrefix("09"))
    }

    /// A plate or postcode said just before ("K-T-F... no, W U six nine K T R": a correction), or the address a
    /// postcode follows ("twelve Larch Grove, Keighley, B D twenty-one, …").
    func codeJustBefore(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let from = info[max(0, i - 12)].start
        // Spoken codes are read before places: a listed town or a street word just before stands for the address.
        if key(i - 1).equals(","), i >= 2, on(.town, i - 2) || Vocab.streetHeads.contains(key(i - 2)) { return true }
        return candidates.contains {
            ($0.label == .vehicleReg || $0.label == .postcode) && $0.end > from && $0.end <= info[i].start
        }
    }

    static let dateOfBirthCues = Vocab.set("dob born birthday birth bday birthdate")
    static let spelledCodeCues = Vocab.set(
        "postcode post code address reg registration plate plates car van taxi cab vehicle ni insurance number")

    /// Four parts of 0–255 split by dots ("192.0.2.44" said aloud).
    static func isSpokenIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in p.count >= 1 && p.count <= 3 && Int(p).map { $0 <= 255 } == true }
    }

    /// Six or eight digits said as a date: day, month, year ("oh three, oh four, two oh one one").
    static func isCompactDate(_ s: String) -> Bool {
        guard s.count == 6 || s.count == 8, let day = Int(s.prefix(2)), let month = Int(s.dropFirst(2).prefix(2))
        else { return false }
        if s.count == 8, let year = Int(s.suffix(4)), !(1900...2035).contains(year) { return false }
        return (1...31).contains(day) && (1...12).contains(month)
    }

    /// "SH427719A": two prefix letters, six digits, a suffix letter A–D.
    static func isNINumber(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count == 9, "ABCEGHJKLMNOPRSTWXYZQ".unicodeScalars.contains(u[0]),
            "ABCEGHJKLMNPRSTWXYZQ".unicodeScalars.contains(u[1]),
            u[2...7].allSatisfy({ $0.value >= 48 && $0.value <= 57 }), "ABCD".unicodeScalars.contains(u[8])
        else { return false }
        // Session 17: NK, KN, TN and NT too, as written (`niNumber`): "November Kilo, …, Alpha".
        return !["BG", "GB", "ZZ"].contains(String(s.prefix(2)))
    }

    /// Current ("WU69RLX"), prefix ("P123ABC") and suffix ("ABC123D") registrations.
    static func isVehicleReg(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        func letter(_ k: Int) -> Bool { u[k].value >= 65 && u[k].value <= 90 }
        func digit(_ k: Int) -> Bool { u[k].value >= 48 && u[k].value <= 57 }
        if u.count == 7 && letter(0) && letter(1) && digit(2) && digit(3) && letter(4) && letter(5) && letter(6) {
            return true
        }
        if u.count >= 5 && u.count <= 7 && letter(0) && (1..<(u.count - 3)).allSatisfy(digit)
            && (u.count - 3..<u.count).allSatisfy(letter)
        {
            return true
        }
        if u.count >= 5 && u.count <= 7 && letter(0) && letter(1) && letter(2) && (3..<(u.count - 1)).allSatisfy(digit)
            && letter(u.count - 1)
        {
            return true
        }
        return false
    }

    // MARK: Web addresses said aloud

    /// "her snapchat was, uh, bby underscore gurl underscore oh nine": a handle said aloud a few words after a handle
    /// cue, its parts joined by "underscore" or "dot" (not an e-mail address or a web address: those come first).
    mutating func findSpokenHandles() {
        guard keys.contains(where: { $0.equals("underscore") || $0.equals("dot") }) else { return }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].isWordLike, key(i + 1).isOne(of: ["underscore", "dot"]), !covered(i) else { continue }
            var e = i
            var underscore = false
            while key(e + 1).isOne(of: ["underscore", "dot"]), let w = tok(e + 2), w.isWordLike {
                if key(e + 1).equals("underscore") { underscore = true }
                e += 2
                while Self.spokenDigits[key(e + 1)] != nil, at(e + 1)?.kind == .word { e += 1 }
            }
            // "kobz underscore supply": an underscore said aloud is a handle's ("dot" alone needs a handle cue), unless
            // it is the verb between ordinary words ("we underscore the point").
            let verb = (i...e).contains { Vocab.functionWords.contains(key($0)) }
            // Session 15: 'his whole life was under "deano dot ttb"': a name said with its dots, quoted whole.
            let quoted =
                at(i - 1)?.isPunct("\"“'‘") == true && !info[i].spaceBefore
                && at(e + 1)?.isPunct("\"”'’") == true && !info[e + 1].spaceBefore
            guard e > i, underscore && !verb || cueBefore(i, Self.anyHandleCue, reach: 8) || quoted && !verb,
                underscore || !Self.topLevelDomains.contains(tokens[e].key), !key(e + 1).equals("at"),
                // "chronology underscore Okafor dot docx", "Tanya underscore chronology final dot docx": a file's name
                // said aloud (AliasRecognisers.swift reads its parts as people).
                !(e...min(e + 5, tokens.count - 1)).contains(where: {
                    key($0 - 1).equals("dot") && Self.fileExtensions.contains(key($0))
                }),
                !(i...e).contains(where: { covered($0) })
            else { continue }
            var a = i
            // "K-A-Y-D-O underscore…": the first part spelled in capitals joined by hyphens.
            while a >= 2, info[a].length == 1, info[a].capitalised, info[a - 1].isPunct("-"),
                !info[a - 1].spaceBefore, !info[a].spaceBefore, info[a - 2].length == 1,
                info[a - 2].capitalised,
                !covered(a - 2)
            {
                a -= 2
            }
            // "cal zed underscore…": a letter said by name is the end of the word before it.
            if Self.letterNames.contains(key(a)), a >= 1, let w = tok(a - 1), w.kind == .word, !w.capitalised,
                w.length >= 2, !Vocab.functionWords.contains(w.key), !Self.anyHandleCue.contains(w.key), !covered(a - 1)
            {
                a -= 1
            }
            // "his TikTok is at lil underscore…": "at" said for the "@", after the platform's verb.
            if key(a - 1).equals("at"),
                key(a - 2).isOne(of: ["is", "was", "s"]) || Self.anyHandleCue.contains(key(a - 2))
            {
                a -= 1
            }
            add(.handle, tokens: a, e)
            i = e
        }
    }

    /// "facebook dot com slash amira dot elsayed dot seven": a host said aloud, then "slash" and a path; a URL when the
    /// host is a social-media profile or link page, or the path carries a name.
    mutating func findSpokenURLs() {
        guard tokens.contains(where: { $0.length == 3 && $0.key == "dot" }) else { return }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].isWordLike, key(i + 1).equals("dot"), !covered(i) else { continue }
            var host = [tokens[i].key]
            var e = i
            while key(e + 1).equals("dot"), let w = tok(e + 2), w.isWordLike {
                host.append(w.key)
                e += 2
                // "jamie-okoro-youthwork": a host's words joined by hyphens as typed.
                while key(e + 1).equals("-"), !info[e + 1].spaceBefore, let g = tok(e + 2), g.isWordLike, !g.spaceBefore
                {
                    host[host.count - 1] += "-" + g.key
                    e += 2
                }
            }
            guard host.count >= 2, Self.topLevelDomains.contains(host.last!) else { continue }
            // "www dot jo-smith-youthwork dot co dot uk": a site said from its "www" with no path, whose name carries a
            // person's (an organisation's own site is no identifier).
            if host.count >= 3, host[0] == "www", !key(e + 1).equals("slash"),
                host.dropFirst().contains(where: carriesName)
            {
                add(.url, tokens: i, e)
                i = e
                continue
            }
            guard key(e + 1).equals("slash") else { continue }
            var path: [String] = []
            var p = e
            while key(p + 1).isOne(of: ["slash", "dot", "underscore", "dash", "hyphen"]), let w = tok(p + 2),
                w.isWordLike
            {
                path.append(w.key)
                p += 2
                // "tiktok dot com slash at lil underscore zee": "at" said for the profile's "@".
                if w.key.equals("at"), let x = tok(p + 1), x.isWordLike {
                    path.append(x.key)
                    p += 1
                }
                while Self.spokenDigits[key(p + 1)] != nil, at(p + 1)?.kind == .word {
                    path.append(key(p + 1))
                    p += 1
                }
            }
            guard !path.isEmpty else { continue }
            let hostName = host.joined(separator: ".")
            if Self.profileHosts.contains(hostName) || path.contains(where: { carriesName($0) }) {
                add(.url, tokens: i, p)
                i = p
            }
        }
    }

    /// Letters said by name in a spelled-out address ("tee", "jay", "kay"); the common words among them ("you", "see", "why",
    /// "tea") are left out.
    static let letterNames = Set(spokenLetters.keys)

    /// Letters said by name, as a postcode, plate or NI number is read out in lower-case captions ("ell ess six two
    /// bee jay"); the names that are common words ("you", "see", "why", "are", "tea") are left out.
    static let spokenLetters: [String: Character] = [
        "bee": "B", "cee": "C", "dee": "D", "ee": "E", "ef": "F", "eff": "F", "gee": "G", "aitch": "H", "haitch": "H",
        "jay": "J", "kay": "K", "el": "L", "ell": "L", "em": "M", "en": "N", "pee": "P", "ar": "R", "ess": "S",
        "tee": "T", "vee": "V", "ex": "X", "zed": "Z", "zee": "Z",
    ]

    static let emailCues = Vocab.set("email e-mail mail address addy")

    /// "john dot smith at gmail dot com", "kayla underscore b at hotmail dot co dot uk".
    mutating func findSpokenEmails() {
        var i = 1
        while i < tokens.count {
            defer { i += 1 }
            guard key(i).equals("at"), info[i - 1].isWordLike else { continue }
            // Domain: word (dot word)+, ending on a top-level domain.
            var e = i + 1
            guard let d = tok(e), d.isWordLike else { continue }
            // "at example mail dot com": a host said as two words (a caption's space, or the speaker's).
            var spacedHost = false
            if !key(e + 1).equals("dot"), let w = tok(e + 1), w.kind == .word, key(e + 2).equals("dot"),
                d.kind == .word,
                !Vocab.functionWords.contains(d.key), !Vocab.functionWords.contains(w.key)
            {
                spacedHost = true
                e += 1
            }
            var end: Int?
            // "at gmp dash example dot org": a hyphen said inside the host.
            while key(e + 1).isOne(of: ["dot", "dash", "hyphen"]), let w = tok(e + 2), w.isWordLike {
                e += 2
                if key(e - 1).equals("dot"), Self.topLevelDomains.contains(w.key) { end = e }
            }
            guard let domainEnd = end else { continue }
            // Local part: word ((dot|underscore|dash|hyphen) word)* before "at".
            var s = i - 1
            while true {
                // "gwen dot rhys-jones at…": a part typed with a hyphen inside.
                while s >= 2, info[s - 1].isPunct("-"), !info[s - 1].spaceBefore, !info[s].spaceBefore,
                    info[s - 2].isWordLike
                {
                    s -= 2
                }
                // "bigman dot tee nine nine at…": letters and digits said one by one are one piece of the address.
                var r = s
                while r >= 1, s - r < 8 {
                    let p = tokens[r - 1]
                    if p.kind == .word,
                        Self.spokenDigits[p.key] != nil || Self.letterNames.contains(p.key)
                            || (ScanContext.numberWords[p.key] ?? 0) >= 10
                    {
                        r -= 1
                    } else if p.text == "-", !p.spaceBefore, !info[r].spaceBefore, r >= 2,
                        (ScanContext.numberWords[key(r - 2)] ?? 0) >= 20
                    {
                        r -= 1 // "eighty-seven"
                    } else {
                        break
                    }
                }
                // "jay dot morgan eighty-seven at…": a number said straight after a word of the address.
                // "donna dot clarke eighty at…", "shan dot doyle 05 at…": one number, said or typed, is enough.
                let numberAt = info[s].kind == .number || ScanContext.numberWords[key(s)] != nil
                if r < s || numberAt, r >= 3, info[r - 1].kind == .word,
                    key(r - 2).isOne(of: ["dot", "underscore", "dash", "hyphen"])
                {
                    r -= 1
                }
                s = r
                guard s >= 2, key(s - 1).isOne(of: ["dot", "underscore", "dash", "hyphen"]), info[s - 2].isWordLike
                else { break }
                s -= 2
            }
            // A two-word host needs an address said as one before it: its parts joined by "dot" or "underscore", or
            // an e-mail cue just before.
            if spacedHost, s == i - 1, !cueBefore(s, Self.emailCues, reach: 4) { continue }
            add(.email, tokens: s, domainEnd)
            i = domainEnd
        }
    }

    // MARK: Whole spans

    /// The token whose first scalar is `start`, by binary search.
    func tokenIndex(startingAt start: Int) -> Int? {
        var lo = 0
        var hi = tokens.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if info[mid].start == start { return mid }
            if info[mid].start < start { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    func tokenIndex(endingAt end: Int) -> Int? {
        var lo = 0
        var hi = tokens.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if info[mid].end == end { return mid }
            if info[mid].end < end { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    static let namePrefixes = Vocab.set("big lil little young baby lil' mini")
    static let streetNameMiddles = Vocab.set("man bro boy g dog")

    /// A title, "Big"/"Lil", "HMP" or the other half of a hyphenated name beside a finding joins it, so no part stays in clear.
    mutating func widenSpans() {
        for k in candidates.indices {
            let c = candidates[k]
            guard var a = tokenIndex(startingAt: c.start), var b = tokenIndex(endingAt: c.end) else { continue }
            if c.label == .person {
                // "Lacey-Mae", "Mary-Jo": the other half of a hyphenated given name.
                if let h = tok(a - 1), h.text == "-", !info[a].spaceBefore, !h.spaceBefore, let w = tok(a - 2),
                    w.kind == .word, w.capitalised || !info[a].capitalised,
                    !Vocab.notNames.contains(w.key)
                {
                    a -= 2
                }
                if let h = tok(b + 1), h.text == "-", !h.spaceBefore, let w = tok(b + 2), !w.spaceBefore,
                    w.kind == .word, w.capitalised || !info[b].capitalised,
                    !Vocab.notNames.contains(w.key), !Vocab.genericServiceWords.contains(w.key)
                {
                    b += 2
                }
                // "mr o'brien", "D'Souza": the O' or D' before a surname.
                if let q = tok(a - 1), q.isPunct("'’"), !q.spaceBefore, !info[a].spaceBefore, let o = tok(a - 2),
                    o.key.isOne(of: ["o", "d"]), o.kind == .word
                {
                    a -= 2
                }
                // "Mrs Okafor", "DC Patel", "Big Dee", "Lil K".
                var p = a - 1
                if key(p).equals("."), !info[a - 1].spaceBefore, Vocab.titles.contains(key(p - 1)) { p -= 1 }
                if let t = tok(p), p < a, t.kind == .word, info[a].start - t.end <= 2,
                    Vocab.titles.contains(t.key) && (t.capitalised || t.key.isOne(of: ["mr", "mrs", "ms"]))
                        || Self.namePrefixes.contains(t.key) && t.capitalised && info[a].capitalised
                {
                    a = p
                } else if let t = tok(p), p == a - 1, t.capitalised, Self.streetNameMiddles.contains(t.key),
                    let q = tok(p - 1), q.capitalised,
                    Self.namePrefixes.contains(q.key), info[a].capitalised
                {
                    // "Big Man Rico", "Lil Bro Kez".
                    a = p - 1
                }
            }
            // "CR-2023-0045", "LL-2023-11907", "C-R-2023-0045": the letters of a reference's prefix belong to it.
            if c.label == .caseRef {
                while let h = tok(a - 1), h.text == "-", !info[a].spaceBefore, !h.spaceBefore, let w = at(a - 2),
                    w.kind == .word, w.allCaps || w.length == 1 && w.capitalised, w.length <= 4
                {
                    a -= 2
                }
            }
            // "kayla.xo_", "kwame_.gzz": underscores and dots glued to a handle are part of it.
            if c.label == .handle {
                while let n = tok(b + 1), n.isPunct("_."), !n.spaceBefore,
                    n.text == "_" || tok(b + 2).map({ $0.isWordLike && !$0.spaceBefore }) ?? false
                {
                    b += 1
                    if let w = at(b + 1), w.isWordLike, !w.spaceBefore { b += 1 }
                }
            }
            // "HMP Wandsworth", "HMYOI Feltham".
            if let t = tok(a - 1), t.key.isOne(of: ["hmp", "hmyoi", "yoi"]), t.allCaps,
                c.label == .location || c.label == .organisationLocal
            {
                a -= 1
            }
            candidates[k].start = info[a].start
            candidates[k].end = info[b].end
        }
    }
}
