/// Names shaped like places (session 13, `orgs9`). A capitalised word on no list, found only as a possible person,
/// that ends the way English, Scottish and Welsh place names end ("Foleshill", "Goscote", "Mixenden", "Hathershaw")
/// is far more often a district, an estate or a school named after one than a person: in the development corpora 15
/// of the 18 such words found as people were places or organisations. The finding is kept (it is redacted either
/// way) and called a place, which is what a reviewer then sees. So is a given name straight after "in" ("a children's
/// home in Shirley", "lives in Ashley"): 408 of the 450 names after "in" in the development corpora are places, one
/// is a person.
import SessionModel

extension ScanContext {
    /// Endings of place names that few given names or unlisted surnames share.
    static let placeNameEndings = [
        "hill", "hall", "field", "fields", "ley", "ton", "ham", "shaw", "stall", "cote", "wood", "bury", "thorpe",
        "worth", "wick", "ford", "bridge", "dale", "combe", "den", "mead", "moor", "side", "gate", "holme", "croft",
        "bank", "stead", "chester", "mouth", "burn", "brook", "leigh", "heath", "thwaite", "garth", "muir", "ness",
    ]

    /// `kept` with each possible person that is one unlisted, place-shaped word called a place. Quiet: a word after a
    /// title, a given name or a relation ("Mrs Lumsden", "Dean Greenhalgh", "her cousin Ashton"), before a possessive
    /// ("Hathershaw's mum"), a family ("the Whitfields"), hyphenated or in capitals.
    func placeShapedNamesAsPlaces(_ kept: [Candidate]) -> [Candidate] {
        kept.map { c in
            if let p = nameAfterInAsPlace(c) { return p }
            guard c.label == .person, c.possible, !c.sessionName, let i = tokenIndex(startingAt: c.start),
                info[i].end == c.end, info[i].kind == .word, info[i].capitalised, !info[i].allCaps, onNoList(i),
                !on(.ambiguous, i), info[i].length >= 6
            else { return c }
            let k = key(i)
            guard Self.placeNameEndings.contains(where: { k.hasSuffix($0) && k.count >= $0.count + 3 }) else {
                return c
            }
            if Vocab.titles.contains(key(i - 1)) || gazetteer.isGiven(key(i - 1)) || inSet(.relations, i - 1) {
                return c
            }
            if isApostrophe(i + 1) || key(i - 1).equals("the") && k.hasSuffix("s") { return c }
            var p = c
            p.label = .location
            return p
        }
    }

    /// `c` called a place when it is one capitalised word found as a person straight after "in", "into" or "near",
    /// with no possessive, surname or other name after it and no country on it ("in Kayleigh's room", "in Jordan"
    /// stay as they are); nil otherwise.
    func nameAfterInAsPlace(_ c: Candidate) -> Candidate? {
        guard c.label == .person, !c.sessionName, let i = tokenIndex(startingAt: c.start), info[i].end == c.end,
            info[i].kind == .word, info[i].capitalised, !info[i].allCaps, !info[i].sentenceStart,
            key(i - 1).isOne(of: ["in", "into", "near"]), !isApostrophe(i + 1), at(i + 1)?.capitalised != true,
            !Vocab.countries.contains(key(i)), !Vocab.nationalities.contains(key(i)), !Vocab.months.contains(key(i)),
            !Vocab.days.contains(key(i))
        else { return nil }
        var p = c
        p.label = .location
        return p
    }
}
