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
        // Session 14 (`places10`): "Birchills", "Caldmore", "Stockwell", "Brightport", "Hartlepool", "Hadhurst".
        "hills", "more", "well", "port", "pool", "borough", "brough", "minster", "caster", "hurst",
    ]

    /// Openings of Welsh, Scottish and Irish place names (session 14, `places10`): "Maesgeirchen", "Troedyrhiw",
    /// "Llanrumney", "Derrytrasna", "Ballymagroarty", "Auchenshuggle", "Kilbirnie", "Drumchapel". A word on no list
    /// with one of them and at least five letters after it is seldom a person's name.
    static let celticPlaceOpenings = [
        "llan", "aber", "pont", "caer", "cwm", "maes", "troed", "ystrad", "blaen", "nant", "bryn", "coed", "pen", "tre",
        "inver", "auchen", "auchter", "auchin", "strath", "kil", "bally", "derry", "drum", "dun", "glen", "knock",
        "carrick", "clon", "tully", "rath", "letter", "garth",
    ]

    /// `kept` with each possible person that is one unlisted, place-shaped word called a place. Quiet: a word after a
    /// title, a given name or a relation ("Mrs Lumsden", "Dean Greenhalgh", "her cousin Ashton"), before a possessive
    /// ("Hathershaw's mum"), a family ("the Whitfields"), hyphenated or in capitals.
    func placeShapedNamesAsPlaces(_ kept: [Candidate]) -> [Candidate] {
        namesBesidePlacesAsPlaces(placeShapedAsPlaces(kept))
    }

    func placeShapedAsPlaces(_ kept: [Candidate]) -> [Candidate] {
        kept.map { c in
            if let p = nameAfterInAsPlace(c) { return p }
            if let p = nameWithAPlaceElementAsPlace(c) { return p }
            guard c.label == .person, c.possible, !c.sessionName, let i = tokenIndex(startingAt: c.start),
                info[i].end == c.end, info[i].kind == .word, info[i].capitalised, !info[i].allCaps, onNoList(i),
                !on(.ambiguous, i), info[i].length >= 6
            else { return c }
            guard Self.placeShaped(key(i)) else { return c }
            let k = key(i)
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

    /// A word ending as place names end or opening as Welsh, Scots and Irish ones open.
    static func placeShaped(_ k: String) -> Bool {
        placeNameEndings.contains(where: { k.hasSuffix($0) && k.count >= $0.count + 3 })
            || celticPlaceOpenings.contains(where: { k.hasPrefix($0) && k.count >= $0.count + 5 })
    }

    /// `kept` with each possible person that is one capitalised word on no list, an item of a list beside a place,
    /// called a place (session 14, `places10`): "Blakenall + Goscote", "Hillfields, Foleshill", "Brierley, Pensnett".
    /// `findPlacesBesidePlaces` asks the same before the place-shaped words above are called places; this asks again
    /// after; a person found with more confidence is asked too when the word is place-shaped ("Hollyfields +
    /// Foleshill"). Quiet: a word with a verb after it ("Foleshill, Zorvek said", "Goscote and Zorvek went").
    func namesBesidePlacesAsPlaces(_ kept: [Candidate]) -> [Candidate] {
        guard kept.contains(where: { $0.label == .location }), kept.contains(where: { $0.label == .person }) else {
            return kept
        }
        var out = kept
        func separator(_ j: Int) -> Bool { tok(j)?.isPunct(",+&/") == true || ["and", "or"].contains(key(j)) }
        func verb(_ j: Int) -> Bool {
            Vocab.strongVerbs.contains(key(j)) || Vocab.weakVerbs.contains(key(j))
                || Self.reportedVerbs.contains(key(j))
        }
        // Twice, so that a place found in a list lets the item before it be found too.
        for _ in 0..<2 {
            var changed = false
            for k in out.indices {
                let c = out[k]
                guard c.label == .person, !c.sessionName, let i = tokenIndex(startingAt: c.start),
                    info[i].end == c.end, info[i].kind == .word, info[i].capitalised, !info[i].allCaps,
                    info[i].length >= 5, onNoList(i), !on(.ambiguous, i), !isApostrophe(i + 1), !verb(i + 1),
                    !(key(i + 1) == "," && verb(i + 2)), c.possible || Self.placeShaped(key(i))
                else { continue }
                let before =
                    separator(i - 1) && i >= 2
                    && out.contains { $0.label == .location && $0.end == info[i - 2].end }
                let after =
                    separator(i + 1) && i + 2 < info.count
                    && out.contains { $0.label == .location && $0.start == info[i + 2].start }
                guard before || after else { continue }
                out[k].label = .location
                changed = true
            }
            if !changed { break }
        }
        return out
    }

    /// Last words of a district's name that are seldom a surname ("Ainsdale Top", "Rushey Grn", "Quarry Bank").
    static let districtElements = Vocab.set("top grn mead end common vale bank brow bottom nook")

    /// `c` called a place when it is two capitalised words taken for a person, the second a district's element and the
    /// first no given name, title, relation or initial ("by Ainsdale Top", "Catford / Rushey Grn"; session 14,
    /// `places10`); nil otherwise. "Ashley Vale", "Mrs Bank", "T Heath" stay as they are.
    func nameWithAPlaceElementAsPlace(_ c: Candidate) -> Candidate? {
        guard c.label == .person, !c.sessionName, let i = tokenIndex(startingAt: c.start), i + 1 < info.count,
            info[i + 1].end == c.end, info[i].kind == .word, info[i + 1].kind == .word, info[i].capitalised,
            info[i + 1].capitalised, !info[i].allCaps, !info[i + 1].allCaps, info[i].length >= 4,
            Self.districtElements.contains(key(i + 1)), !gazetteer.isGiven(key(i)), !Vocab.titles.contains(key(i)),
            !Vocab.titles.contains(key(i - 1)), !inSet(.relations, i - 1), !gazetteer.isGiven(key(i - 1)),
            !isApostrophe(i + 2)
        else { return nil }
        var p = c
        p.label = .location
        return p
    }
}
