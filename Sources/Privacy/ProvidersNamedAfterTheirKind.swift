/// A provider, landlord or agency named straight after its kind (session 17, the lead): "provider Mersey Horizons",
/// "provider's Brookfield", "the housing association, Pennine Homes", "the landlord, Citywide Lettings", "her
/// fostering agency is Horizon Care". The name was found as a person or a place, or not at all; after its kind it is
/// the organisation. Quiet: one word that is a given name, a surname or a town ("the provider, Sarah, rang",
/// "landlord Kaminski arrested"), a word in lower case. Session 18: after "run by" or "placement with", a name with a
/// provider's word in it ("run by Horizon Care"; "run by Dave" is a man), and the home named just before ("Meadow
/// View, run by …").
extension ScanContext {
    /// Kinds of body named after themselves in supported living, housing and care.
    static let providerKinds = Vocab.set("provider providers landlord landlords agency association company firm")
    /// Verbs before "by" that name who runs a home or service ("run by", "managed by").
    static let runVerbs = Vocab.set("run ran managed owned operated")
    /// Words before "with" that name who a child is placed through ("placement with").
    static let placingWords = Vocab.set("placement placements")
    /// Words in a provider's own name ("Horizon Care", "Fostering Plus", "Pennine Homes").
    static let providerNameWords = Vocab.set(
        "care fostering homes group services healthcare futures living support lettings housing lives pathways")
    /// Between the kind and its name.
    static let providerLinks = Vocab.set("is was = , :")

    /// `kept` with each capitalised name after a provider's kind made an organisation.
    func providersNamedAfterTheirKind(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        var changed = false
        for k in info.indices where !info[k].capitalised && !quiet[k] {
            // "provider Mersey Horizons", "provider's Brookfield", "provider is Brookfield".
            var n = k + 1
            // Session 18: "run by Horizon Care", "her placement with Fostering Plus": a body that runs a home or
            // places a child, its name ending in a provider's word.
            // The word after is asked first: one string compare for most tokens, not three set look-ups.
            let next = key(k + 1)
            let runBy =
                next.equals("by") && Self.runVerbs.contains(key(k))
                || next.equals("with") && Self.placingWords.contains(key(k))
            if runBy {
                n = k + 2
            } else if !Self.providerKinds.contains(key(k)) {
                continue
            } else if isApostrophe(n), key(n + 1).equals("s") {
                n += 2
            } else if Self.providerLinks.contains(key(n)) {
                n += 1
            }
            guard let t = at(n), t.kind == .word, t.capitalised, !t.allCaps, !quiet[n], !notAName(n) else { continue }
            var e = n
            while e - n < 2, let w = at(e + 1), w.kind == .word, w.capitalised, !w.allCaps, w.spaceBefore,
                !quiet[e + 1]
            {
                e += 1
            }
            // One word that is a given name, a surname or a town is a person or a place ("landlord Kaminski
            // arrested", "works agency, Spalding").
            if e == n, on(.given, n) || on(.surname, n) || on(.town, n) || on(.bigPlace, n) { continue }
            // After "run by" or "placement with" the name must say it is a provider ("run by Dave" is a man).
            if runBy, !(n...e).contains(where: { Self.providerNameWords.contains(key($0)) }) { continue }
            let start = info[n].start
            let end = info[e].end
            let touching = out.indices.filter { out[$0].start < end && start < out[$0].end }
            guard touching.allSatisfy({ [.person, .location].contains(out[$0].label) && !out[$0].sessionName }),
                touching.allSatisfy({ start <= out[$0].start && out[$0].end <= end })
            else { continue }
            out.removeAll { $0.start < end && start < $0.end }
            out.append(Candidate(label: .organisationLocal, start: start, end: end))
            changed = true
            // "Meadow View, run by Horizon Care": the home named just before who runs it is a home, not a place.
            if runBy, Self.runVerbs.contains(key(k)), key(k - 1).equals(","), k >= 2,
                let h = out.firstIndex(where: { $0.end == info[k - 2].end && $0.label == .location && !$0.sessionName })
            {
                out[h].label = .organisationLocal
            }
        }
        return changed ? out.sorted { ($0.start, $0.end) < ($1.start, $1.end) } : kept
    }
}
