/// Places that stand for their council (session 17, the lead). A local council is a local organisation by the label
/// rules, and in safeguarding talk a borough, city or county often means its council: "Southwark put him in
/// Knaresborough", "the placement team at Southwark", "a Kirklees IFA", "Bradford say they have no record", "placed
/// by Hampshire", "Calderdale v Bradford council". Such a place, found as a place or not found at all (a big city
/// alone is quiet), is then the organisation: in the development corpora the writers labelled it so, and the place
/// label cost both a miss and a false alarm. A place where someone is, goes or comes from stays a place ("moved to
/// Leeds", "lives in Southwark, said she…", "from Peckham"). Session 18: a place as the subject of a plural verb is a
/// body too ("Merseyside are good on this"), as British English speaks of an organisation, never of a place.
extension ScanContext {
    /// Words after a place that make it its council's: its fostering agency, social worker, out-of-hours team, LADO,
    /// panel, commissioners or teams ("Kirklees IFA", "the southwark sw", "Leeds EDT", "the Hounslow and
    /// Hillingdon teams").
    static let authorityWordsAfter = Vocab.set("ifa sw sws edt lado panel commissioners commissioning teams iro iros")
    /// A council's own heads after a place found whole ("Blackburn with Darwen Council", "Redcar and Cleveland
    /// CSC"): the organisation is widened over them (a place of several words is found before the organisation
    /// rules can ask for its head).
    static let councilTails: [[String]] = [
        ["borough", "council"], ["county", "council"], ["city", "council"], ["district", "council"], ["council"],
        ["csc"], ["mash"], ["yot"], ["yos"], ["yjs"], ["cc"], ["mbc"], ["bc"], ["police"], ["constabulary"],
        ["children", "'", "s", "services"], ["children", "’", "s", "services"], ["childrens", "services"],
    ]
    /// Two words after a place that make it its council's ("Hampshire placement team", "Blackburn with Darwen front
    /// door", "the Rochdale social worker", "Southwark contextual safeguarding", "Luton social care").
    static let authorityPairsAfter: [[String]] = [
        ["placement", "team"], ["placements", "team"], ["front", "door"], ["social", "worker"], ["social", "workers"],
        ["contextual", "safeguarding"], ["placing", "authority"], ["virtual", "school"], ["access", "team"],
        ["social", "care"], ["reception", "team"], ["probation", "office"], ["youth", "service"],
        // Session 18: the council's own teams for children missing, exploited or leaving care ("Southwark's missing
        // team", "Cardiff leaving care").
        ["missing", "team"], ["exploitation", "team"], ["cse", "team"], ["cce", "team"], ["leaving", "care"],
        ["fostering", "team"], ["fostering", "service"], ["adoption", "service"],
    ]
    /// Verbs a council does, said straight after a place that opens a clause ("Southwark put him", "Wakefield
    /// refused", "Bradford say").
    static let authorityVerbs = Vocab.set(
        """
        put placed refused say says said agreed sent declined rejected accepted funded commissioned closed took tried wont
        won't wouldn't wouldnt never didn't didnt haven't havent hasn't hasnt came did asked assessed confirmed paid pay
        pays rang called emailed wanted wants gave got
        """)
    /// Verbs in the plural after a place: a body, not a place, is "they" in British English ("Merseyside are good on
    /// this now", "Powys were brilliant", "cardiff dont answer"); a place is "it" ("Leeds is lovely").
    static let pluralVerbs = Vocab.set("are were aren't arent weren't werent do don't dont")
    /// Words between a place and its council's verb ("Bradford finally sent", "Wigan have refused").
    static let authorityAdverbs = Vocab.set("finally never eventually already just then still also have had did")
    /// Words before a place after which a verb opens a new clause (and so the place is the verb's subject).
    static let clauseOpeners = Vocab.set(
        """
        and but so then because cos coz when if that think thought reckon apparently basically obviously said says
        honestly tbh tbf frankly
        """)
    /// Verbs that make "by <place>" the council acting ("placed by Hampshire", "funded by Leeds").
    static let authorityByVerbs = Vocab.set("placed funded commissioned referred accommodated assessed employed")
    /// Verbs that make "to <place>" the council's caseload ("known to Leeds", "open to Rochdale").
    static let authorityToWords = Vocab.set("known open")
    /// Words of a council's staff before "at" ("the placement team at Southwark", "his worker at Leeds").
    static let staffBeforeAt = Vocab.set("team worker workers sw manager officer colleague colleagues")
    /// Last words of an organisation that is a council, for a place joined to one ("Calderdale v Bradford council").
    static let councilEnds = Vocab.set("council councils csc mash services")

    /// `kept` with each place that stands for its council made an organisation, and such places not found yet added.
    func placesActingAsAuthorities(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        var changed = false
        // Twice, so that a place joined to a council found on the first pass is asked again ("the Hounslow and
        // Hillingdon teams").
        for k in Array(out.indices) + Array(out.indices) where out[k].label == .location && !out[k].sessionName {
            guard let a = tokenIndex(startingAt: out[k].start), let b = tokenIndex(endingAt: out[k].end),
                (a...b).contains(where: { councilPlace($0) })
            else { continue }
            if let e = Self.councilTails.lazy.compactMap({ self.matches($0, at: b + 1) }).first,
                !out.contains(where: { $0.start < info[e].end && info[b + 1].start < $0.end })
            {
                out[k].label = .organisationLocal
                out[k].end = info[e].end
                changed = true
                continue
            }
            guard standsForCouncil(a, b, beside: out) else { continue }
            out[k].label = .organisationLocal
            changed = true
        }
        for i in info.indices where councilPlace(i) && !quiet[i] {
            let t = info[i]
            guard !out.contains(where: { $0.start < t.end && t.start < $0.end }),
                // In lower case ("gwent never came back", session 18) only a place on no name list ("barry said" is
                // a man).
                t.capitalised || !on(.word, i) && Self.authorityWordsAfter.contains(key(i + 1))
                    || !on(.surnameOrGiven, i),
                standsForCouncil(i, i, beside: out)
            else { continue }
            out.append(Candidate(label: .organisationLocal, start: t.start, end: t.end))
            changed = true
        }
        return changed ? out.sorted { ($0.start, $0.end) < ($1.start, $1.end) } : kept
    }

    /// Token `i` names a town, borough, county or big city (not one that is also an everyday word in lower case).
    func councilPlace(_ i: Int) -> Bool {
        guard let t = at(i), t.kind == .word, on(.town, i) || on(.bigPlace, i) else { return false }
        return t.capitalised ? !t.sentenceStart || !on(.word, i) : !on(.word, i) && !on(.ambiguous, i)
    }

    /// The place on tokens `a...b` stands for its council by the words around it.
    func standsForCouncil(_ a: Int, _ b: Int, beside found: [Candidate]) -> Bool {
        // "Southwark's placement team": the words after a possessive are asked the same.
        let next = isApostrophe(b + 1) && key(b + 2).equals("s") ? b + 3 : b + 1
        if Self.authorityWordsAfter.contains(key(next))
            || Self.authorityPairsAfter.contains(where: { matches($0, at: next) != nil })
        {
            return true
        }
        // "Bradford finally sent someone", "Wigan have refused": an adverb or an auxiliary may come between.
        let v = Self.authorityAdverbs.contains(key(b + 1)) ? b + 2 : b + 1
        // Session 18: in lower case too ("gwent never came back to us"): a lower-case place here is on no word list.
        if Self.authorityVerbs.contains(key(v)), opensClause(a),
            !(key(v).equals("put") && key(v + 1).isOne(of: ["on", "up", "out", "off", "together"]))
        {
            return true
        }
        // "Merseyside are good on this": a plural verb straight after, the place alone as its subject (not "Leeds and
        // Bradford are both cities").
        if Self.pluralVerbs.contains(key(b + 1)), opensClause(a),
            !(key(a - 1).isOne(of: ["and", "or", "&", "/"]) || key(b + 2).isOne(of: ["both", "all", "two"]))
        {
            return true
        }
        let before = key(a - 1)
        // "placed by Hampshire", "placed in Kent by Leeds".
        if before.equals("by"), (max(0, a - 5)..<(a - 1)).contains(where: { Self.authorityByVerbs.contains(key($0)) }) {
            return true
        }
        if before.equals("to"), Self.authorityToWords.contains(key(a - 2)) { return true }
        if before.equals("at"), Self.staffBeforeAt.contains(key(a - 2)) { return true }
        if before.equals("for"), key(a - 2).isOne(of: ["works", "worked", "working", "work"]) { return true }
        // "Calderdale v Bradford council", "Kirklees and Leeds CSC", "Hounslow and Hillingdon teams".
        if key(b + 1).isOne(of: ["v", "vs", "and", "or", "/", "&"]), b + 2 < info.count,
            let o = found.first(where: { $0.start == info[b + 2].start }), o.label == .organisationLocal,
            let e = tokenIndex(endingAt: o.end), Self.councilEnds.contains(key(e)) || e == b + 2 && councilPlace(e)
        {
            return true
        }
        return false
    }

    /// Token `a` opens a clause: the text's start, after punctuation, or after a joining word.
    func opensClause(_ a: Int) -> Bool {
        guard a > 0, let p = at(a - 1) else { return true }
        if p.kind == .punct { return !isApostrophe(a - 1) }
        return Self.clauseOpeners.contains(key(a - 1))
    }
}
