/// Places, addresses and local organisations by general rules (session 9, `places5`): one test per class, with
/// sentences written for these tests (not taken from any corpus), and the traps each rule must keep quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class PlaceClassTests: XCTestCase {
    let scanner = IdentifierScanner()

    func labels(_ text: String) -> [String] {
        scanner.scan(text).map { "\($0.label.rawValue):\($0.text)" }
    }

    func assertFinds(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(
            labels(text).contains(expected), "\(expected) not in \(labels(text)) for: \(text)", file: file, line: line)
    }

    /// No finding with this label at all (other labels may be found).
    func assertNo(_ label: IdentifierLabel, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = scanner.scan(text).filter { $0.label == label }.map(\.text)
        XCTAssertEqual(found, [], "\(label.rawValue) found in: \(text)", file: file, line: line)
    }

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
    }
}
