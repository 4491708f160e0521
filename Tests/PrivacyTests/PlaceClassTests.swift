/// Places, addresses and local organisations by general rules (session 9, `places5`): one test per class, with
/// sentences written for these tests (not taken from any corpus), and the traps each rule must keep quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class PlaceClassTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()
    /// The rules alone, for traps the sequence labeller (a separate branch's work) may still mark `possible`.
    let rules = IdentifierScanner(labeller: nil)

    /// The generated list (places.txt, GeoNames' places of 500 people or more): small towns and villages of all
    /// four nations and Ireland are places with no cue, named alone in a note.
    func testSmallTownsOfTheFourNationsAndIrelandAreListed() {
        let gazetteer = Gazetteer.shared
        for town in [
            "ystradgynlais", "llanidloes", "kilsyth", "portglenone", "castleblayney", "ballinasloe", "kinsale",
        ] {
            XCTAssertTrue(gazetteer.towns.contains(town), "\(town) is not on the town lists")
        }
        assertFinds("missing episodes: Kilsyth twice, once Llanidloes", "LOCATION:Kilsyth")
        assertFinds("missing episodes: Kilsyth twice, once Llanidloes", "LOCATION:Llanidloes")
        assertFinds("dad is back in Ballinasloe", "LOCATION:Ballinasloe")
        assertFinds("mum thinks he's staying Castleblayney way", "LOCATION:Castleblayney")
        assertFinds("school run goes past Ystradgynlais", "LOCATION:Ystradgynlais")
        // A place of several words, whole.
        assertFinds("new address is out towards Chapel en le Frith", "LOCATION:Chapel en le Frith")
        // Left off the list: names that are everyday words or given names, which a note uses as such.
        for word in ["battle", "deal", "street", "sale"] {
            XCTAssertFalse(
                Gazetteer.shared.lists(word).contains(.town) && !Gazetteer.shared.isWord(word),
                "\(word) listed as a town only")
        }
        assertNo(.location, "that was a battle, to be fair, but the deal stands")
        assertNo(.location, "Ashley said the street was quiet")
    }

    /// Addresses written or said: a house number in digits or words, "number"/"flat N" before it, a street named in
    /// lower case or in one word, and abbreviations (cl, gdns, cres).
    /// Session 17: a big city tied to a child by being found there, by "the … lad", by a journey from it to a
    /// place, or by a B&B in it.
    func testABigCityTiedToAChildInMoreWays() {
        XCTAssertEqual(found("L Reid 16 - found Aberdeen", .location), ["Aberdeen"])
        XCTAssertEqual(found("He found Lennon, actually, the Dundee lad, sleeping rough", .location), ["Dundee"])
        XCTAssertEqual(
            found("in a taxi. From Sheffield to Rotherham. On his own.", .location), ["Sheffield", "Rotherham"])
        XCTAssertEqual(found("she got discharged to a B&B in Bradford in the end", .location), ["Bradford"])
        XCTAssertEqual(found("cousins visiting from Manchester", .location), ["Manchester"])
        // A county line's route and a city named generally stay quiet.
        XCTAssertEqual(found("the lads were running a line from London to Shrewsbury", .location), ["Shrewsbury"])
        XCTAssertEqual(found("CSE in Manchester is organised differently", .location), [])
    }

    func testAddressesWrittenOrSaid() {
        assertFinds("home visit 14 thornfield cl then school", "LOCATION:14 thornfield cl")
        assertFinds("she said it was number nine ravensworth gardens", "LOCATION:number nine ravensworth gardens")
        assertFinds("lives at sixty three Moorcroft Crescent now", "LOCATION:sixty three Moorcroft Crescent")
        assertFinds("they were at flat six thirty two denholme court", "LOCATION:flat six thirty two denholme court")
        assertFinds("new placement is 18 Northgate, near the shops", "LOCATION:18 Northgate")
        assertFinds("we went to fifty one kingsway last week", "LOCATION:fifty one kingsway")
        assertFinds("visit: 8 Millpond Side, back door", "LOCATION:8 Millpond Side")
        // Traps: distances, everyday words after a number said, a date before a town.
        assertNo(.location, "it's ten minutes walk from the school")
        assertNo(.location, "it's 2 hours drive each way")
        assertNo(.location, "we took two long walks and three short ones")
        assertNo(.location, "on the other side of the room")
        assertFinds("dob 02.03.09 Stornoway", "LOCATION:Stornoway")
        // An outward code said alone after the postcode's cue; letters said apart without it stay quiet.
        assertFinds("her postcode is, um, S K four, I don't know the rest", "POSTCODE:S K four")
        assertNo(.postcode, "we did the A B C four times over")
    }

    /// Lists of places: an item beside a place found (",", "+", "&", "/", "and", "or", "then", "now") is a place too;
    /// a listed town that is also a given name only in a list of places on both sides or of three.
    func testPlacesInListsAndChains() {
        assertFinds("first Penicuik, then Bonnyrigg", "LOCATION:Bonnyrigg")
        assertFinds("areas of concern: Denny, Kilsyth, Cumbernauld", "LOCATION:Denny")
        assertFinds("she used to be Dungiven, now Limavady", "LOCATION:Dungiven")
        assertFinds("she used to be Dungiven, now Limavady", "LOCATION:Limavady")
        // A given name beside one place is still a person; a person beside a place is not a place.
        assertNo(.location, "Denny, can you share your screen?")
        assertFinds("Denny and Kilsyth both said no", "PERSON:Denny")
        assertFinds("a girl from Kilsyth, Zarvena, was seen", "PERSON:Zarvena")
    }

    /// "X, <listed town>": a capitalised word after a place preposition, then a comma and a town, is its district.
    func testDistrictsBeforeTheirTown() {
        assertFinds("he was found at Mossbank, Kilmarnock on Friday", "LOCATION:Mossbank")
        assertFinds("stopped in Gallows Hill, Warwick", "LOCATION:Warwick")
        assertFinds("cannabis farm at Lodge, Halifax", "LOCATION:Lodge")
        // Traps: a sentence's start, a country, a word that never names a place.
        assertNo(.location, "At Christmas, London gets busy")
        assertNo(.location, "she was in Year, England")
    }

    /// Local organisations: a team or project whose name holds a service word after a proper first word; one named
    /// after "and" beside another; "campus"; a lower-case "the X project"; a surgery named in lower case after a cue.
    func testLocalOrganisationsByRule() {
        assertFinds("she goes to the Maple Street project", "ORGANISATION_LOCAL:Maple Street project")
        assertFinds("linked in with Derby YOT and Fernlea project", "ORGANISATION_LOCAL:Fernlea project")
        assertFinds("both attend Glenrowan Community Campus", "ORGANISATION_LOCAL:Glenrowan Community Campus")
        assertFinds("the lantern project picked her up after school", "ORGANISATION_LOCAL:lantern project")
        assertFinds("registered with gp oak tree medical centre", "ORGANISATION_LOCAL:oak tree medical centre")
        // Traps: generic projects and teams, the project itself, national bodies, generic surgeries. (The labeller,
        // trained on corpora that name such projects, marks "art project" and "Street Team" `possible`: the rules
        // stay quiet on them.)
        assertNo(.organisationLocal, "the research project ends in March")
        assertNo(.organisationLocal, "the project has ethics approval")
        assertNo(.organisationLocal, "the pilot project and the art project", rules)
        assertNo(.organisationLocal, "the Street Team went out on Friday", rules)
        assertNo(.organisationLocal, "the Early Help team took the referral")
        assertNo(.organisationLocal, "she rang the NSPCC and Childline")
        assertNo(.organisationLocal, "she saw the gp at the local medical centre")
        assertNo(.organisationLocal, "the Independent Inquiry into Child Sexual Abuse")
    }
}
