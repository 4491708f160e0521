/// A catalogue of the shapes in which UK practitioners write or say one person's age — in shorthand notes, chat,
/// auto-captions and on a whiteboard — and of the numbers that look like ages and are not (issue 18, session 9).
/// Every line was written for this test from the AGE row of docs/privacy.md and how notes are kept, not taken from
/// any corpus. It is a development set: the figure it prints was recorded before the rules changed and after.
/// Session 10 (`ages6`) added ages told in stories and given in pasted records, written from the class the same way.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class AgeCatalogueTests: XCTestCase {
    /// A line and the exact text of every age in it, in order.
    struct Shape {
        var text: String
        var ages: [String]
        init(_ text: String, _ ages: String...) {
            self.text = text
            self.ages = ages
        }
    }

    static let shapes: [Shape] = [
        // Digits and words after a person and a verb.
        Shape("she's fifteen and goes to the youth club", "fifteen"),
        Shape("she's fourteen and a half but looks older", "fourteen and a half"),
        Shape("he's 14 and a half", "14 and a half"),
        Shape("he's nearly 16 and wants to move out", "16"),
        Shape("she's almost 15, so the plan changes", "15"),
        Shape("she's 16 in May so the placement ends", "16"),
        Shape("he turns 15 next week", "15"),
        Shape("she'll be 16 next month", "16"),
        Shape("he'll turn 18 in March and leaves care", "18"),
        Shape("she turned 18 last month", "18"),
        Shape("he's about to turn 16", "16"),
        Shape("she's only 12", "12"),
        Shape("and he was just 13 at the time", "13"),
        Shape("she was like 14 when it started", "14"),
        Shape("he's 15 now", "15"),
        Shape("she was 12 when she first went missing", "12"),
        Shape("she is 15 years old", "15 years old"),
        // A story of the past: the name, a comma, "then" and the age (session 9, lead).
        Shape("the girl, Tanisha Reid, then 13, was placed out of area", "13"),
        Shape("we had a lad, Dariusz, then 15, who kept going missing", "15"),
        Shape("he is fifteen years of age", "fifteen years of age"),
        Shape("her bf is twenty one", "twenty one"),
        Shape("the man was thirty four", "thirty four"),
        Shape("YP is 15 and lives with nan", "15"),
        Shape("his sister, who is 11, was there too", "11"),
        Shape("her boyfriend who's 19 picks her up", "19"),
        Shape("he's 14 going on 15", "14", "15"),
        Shape("she's 14/15", "14", "15"),
        Shape("girl 14/15 seen at the station", "14", "15"),
        // Units glued or spaced.
        Shape("age 14, lives with mum", "14"),
        Shape("Age: 14", "14"),
        Shape("AGE 15 - in care", "15"),
        Shape("aged 14, known to the team", "aged 14"),
        Shape("14 y.o. female reported missing", "14 y.o."),
        Shape("kai is 14yrs", "14yrs"),
        Shape("Kai (15yrs) seen at the park", "15yrs"),
        Shape("a 15 yr old lad was with her", "15 yr old"),
        Shape("a 14 y/o boy was arrested", "14 y/o"),
        Shape("his 17-year-old brother drives", "17-year-old"),
        Shape("17yo bf picks her up", "17yo"),
        Shape("14yo girl, frequent missing episodes", "14yo"),
        Shape("the 16 yr old was cautioned", "16 yr old"),
        Shape("15YO male seen with her", "15YO"),
        Shape("a 2 yr old sibling at home", "2 yr old"),
        Shape("she's 16 yrs old", "16 yrs old"),
        Shape("16yrs old and pregnant", "16yrs old"),
        Shape("a fifteen year old lad called Ash", "fifteen year old"),
        // Sex markers in notes.
        Shape("F14 - missing from care overnight", "14"),
        Shape("14F, Walsall, CSE concerns", "14"),
        Shape("m15 stopped with older males", "15"),
        Shape("YP M/15 - known to YOT", "15"),
        // Names and people with their ages.
        Shape("kayden 14, mia 15 - both missing", "14", "15"),
        Shape("Jade 15 and Mia 14 were together", "15", "14"),
        Shape("Kai, 15, was stopped", "15"),
        Shape("Mia (aged 15) is on a plan", "aged 15"),
        Shape("Mia (age 15) is on a plan", "15"),
        Shape("Mia (15 y/o) is on a plan", "15 y/o"),
        Shape("his brother (17) was there", "17"),
        Shape("older bro (19) deals", "19"),
        Shape("Kai's 14", "14"),
        Shape("im 14", "14"),
        Shape("I am 15 and I know what I'm doing", "15"),
        Shape("you're only 14", "14"),
        Shape("sister aged 9 also at home", "aged 9"),
        Shape("a man aged 30 was arrested", "aged 30"),
        Shape("the male, aged between 25 and 30, was seen with her", "25", "30"),
        Shape("the suspect is 19 or 20", "19", "20"),
        // Ages said with a moment.
        Shape("she's been going missing since the age of 12", "12"),
        // A rough age set off beside a found name (session 11, found trying the console).
        Shape("her cousin Tyler, fifteen-ish, goes there", "fifteen-ish"),
        Shape("Tyler (15ish) was there", "15ish"),
        Shape("at the age of 13 she was moved", "13"),
        Shape("DOB 12/03/2010 (14)", "14"),
        Shape("Kai - 15 next month", "15"),
        Shape("he'll be 16 next birthday", "16"),
        Shape("it was her 16th birthday", "16th"),
        Shape("a boy of 13 was found", "13"),
        Shape("she was 15 at the time", "15"),
        Shape("when she was 11", "11"),
        Shape("she was fifteen at the time", "fifteen"),
        // Chat and captions: no apostrophes, fillers, ages in words without hyphens.
        Shape("shes only 13!!!", "13"),
        Shape("she was only like 13", "13"),
        Shape("hes only about 15 tbh", "15"),
        Shape("she looks about 12", "12"),
        Shape("asl? 14 f manchester", "14"),
        Shape("the boyfriend was about twenty five", "twenty five"),
        Shape("so she was fourteen at that point", "fourteen"),
        Shape("she was thirteen going on fourteen", "thirteen", "fourteen"),
        Shape("she'd only just turned fifteen", "fifteen"),
        Shape("he's like sixteen seventeen", "sixteen", "seventeen"),
        Shape("his brother who is 17 now", "17"),
        Shape("she's 14 😭", "14"),
        Shape("a twenty-five-year-old man", "twenty-five-year-old"),
        Shape("the male was 21yo", "21yo"),
        Shape("thirteen y/o girl", "thirteen y/o"),
        // Notes and forms.
        Shape("Mia 15yo - missing", "15yo"),
        Shape("Mia, 15yo, at home", "15yo"),
        Shape("Mia (15) & Kai (16)", "15", "16"),
        Shape("sibs: Jay 12, Leah 9", "12", "9"),
        Shape("YP (14) disclosed", "14"),
        Shape("YP aged 14yrs", "aged 14yrs"),
        Shape("Age at referral: 13", "13"),
        Shape("Age at time of incident - 14", "14"),
        Shape("DOB: 01.02.2010 (age 14)", "14"),
        Shape("bf (19) has a car", "19"),
        Shape("bf=19", "19"),
        Shape("bf 19yo", "19yo"),
        Shape("male approx 25yrs", "25yrs"),
        Shape("male aged approx 25", "aged approx 25"),
        Shape("16 Y/O female", "16 Y/O"),
        Shape("bro 16yrs", "16yrs"),
        Shape("(14, F) seen at the hub", "14"),
        Shape("14 F, Walsall", "14"),
        Shape("Kai aged 14", "aged 14"),
        Shape("Kai age 14", "14"),
        Shape("Kai - age 14 - missing", "14"),
        Shape("Kai, age 14, missing", "14"),
        Shape("Kai (age 14) missing", "14"),
        Shape("Kai 14 y/o", "14 y/o"),
        Shape("Kai 15 in June", "15"),
        Shape("Kai is now 16", "16"),
        Shape("Kai, who is 15, lives with nan", "15"),
        Shape("Kai turned 14 in june", "14"),
        Shape("KAI - 15 - MISSING x3", "15"),
        Shape("Kai | 15 | Year 10", "15"),
        Shape("Name: Kai  Age: 15", "15"),
        Shape("Age 15 / Yr 10", "15"),
        Shape("15 year old Kai was stopped", "15 year old"),
        Shape("a 15-yr-old boy", "15-yr-old"),
        Shape("it's her 16th next week", "16th"),
        Shape("party for his 18th", "18th"),
        Shape("two sisters aged 12 and 14", "aged 12", "14"),
        Shape("in year 10 so 14 or 15", "14", "15"),
        Shape("aged 14 at the time of the offence", "aged 14"),
        Shape("referred at 13 by school", "13"),
        Shape("first reported missing at 12", "12"),
        // Names nobody listed, in brackets, between commas, before "is/was" and in shorthand.
        Shape("tayla-mae (14) - missing", "14"),
        Shape("spoke to dezzy, 15, about it", "15"),
        Shape("mum said jaylen was 13 then", "13"),
        Shape("Jaylen'd be 17 now", "17"),
        Shape("she would've been 16", "16"),
        Shape("jaylen 14 - nfa", "14"),
        Shape("JAYLEN, 14, MISSING", "14"),
        Shape("jaylen (14yo)", "14yo"),
        Shape("jaylen [14] seen at the garages", "14"),
        Shape("jaylen - 14yrs - Year 9", "14yrs"),
        Shape("Jaylen, now 15, has moved", "15"),
        Shape("Jaylen (now 15) has moved", "15"),
        Shape("Jaylen (nearly 15) has moved", "15"),
        Shape("Jaylen (15 in May) has moved", "15"),
        Shape("jaylen aka JJ (16)", "16"),
        Shape("mum, 34, and dad, 41, both work", "34", "41"),
        Shape("older sister, 19, lives away", "19"),
        Shape("her 19-yr-old bf", "19-yr-old"),
        Shape("her 19 yr old boyfriend", "19 yr old"),
        Shape("a lad about 17 was with her", "17"),
        Shape("a lad, maybe 17, was with her", "17"),
        Shape("she was 14, he was 22", "14", "22"),
        Shape("the 14yo's mum rang", "14yo"),
        Shape("a 15 year old's phone was seized", "15 year old"),
        Shape("she's 15 and he's 22", "15", "22"),
        Shape("Kai aged 15 and Jay aged 17", "aged 15", "aged 17"),
        Shape("At just 12 she was being sent out", "12"),
        Shape("since she was 11", "11"),
        Shape("by the age of 14 she was carrying", "14"),
        // Babies, answers, looks, pauses, and ages before a school year.
        Shape("a 9-month-old baby was in the flat", "9-month-old"),
        Shape("her 6 month old son", "6 month old"),
        Shape("how old are you? 14", "14"),
        Shape("hw old r u - 13", "13"),
        Shape("he looks 25", "25"),
        Shape("she's 15 yrs.", "15 yrs"),
        Shape("Tyler - 15 years - Yr 10", "15 years"),
        Shape("she's uh fifteen", "fifteen"),
        Shape("and zorvek was 14 when it started", "14"),
        Shape("kai 15 yr 10 - excluded", "15"),
        Shape("kai 15 y10 - excluded", "15"),
        Shape("Kai (fourteen) was there", "fourteen"),
        Shape("Ruby, aged 15, said", "aged 15"),
        Shape("at age 13 she was moved", "13"),
        Shape("she must be 15 by now", "15"),
        Shape("she is believed to be 15", "15"),
        Shape("male believed to be about 20, tall", "20"),
        Shape("femi adeyemi sixteen lives with nan", "sixteen"),
        // Told stories (session 10): an age said inside what happened, often far from the person it belongs to.
        Shape("she was only 13 then and nobody noticed", "13"),
        Shape("by 15 he was dealing for them", "15"),
        Shape("By fifteen she had a record", "fifteen"),
        Shape("From 12 she was going to parties with older men", "12"),
        Shape("when he was 12 he started going missing", "12"),
        Shape("she'd been in care from the age of 11", "11"),
        Shape("at the age of 14 he was moved to a hostel", "14"),
        Shape("the older one, 17, was driving", "17"),
        Shape("the younger one, fourteen, kept quiet", "fourteen"),
        Shape("their eldest, 19, is in prison", "19"),
        Shape("his mum had him at 16", "16"),
        Shape("two lads, 16 and 17, were with her", "16", "17"),
        Shape("she met a girl of 14 at the hostel", "14"),
        Shape("she'd just had her 15th when it started", "15th"),
        Shape("the boyfriend was 24 and had a car", "24"),
        Shape("she moved in with him and was only 14", "14"),
        Shape("he left school and was 15 when he was first arrested", "15"),
        Shape("her sister, then 16, took her in", "16"),
        Shape("the driver, 32, was later charged", "32"),
        Shape("an older man, 35, picked her up", "35"),
        Shape("I met her when she was 13", "13"),
        Shape("he was about twelve or thirteen when it started", "twelve", "thirteen"),
        Shape("She was in year 9 then, so she'd have been 13 or 14.", "13", "14"),
        Shape("Looking back she was just 12 when the grooming started", "12"),
        Shape("by 13 Marcus was running for them", "13"),
        Shape("KJ was fifteen but looked older", "fifteen"),
        Shape("she'd be, what, nineteen now?", "nineteen"),
        Shape("the 12 was her age then", "12"),
        Shape("He went quiet in the car. Thirteen. He never said a word.", "Thirteen"),
        Shape("She ran the flat for them. Sixteen and she was running the flat.", "Sixteen"),
        Shape("Mason left care at 19 and moved to a hostel", "19"),
        Shape("She was born in 2010 so was only 12 at the first referral, not thirteen.", "12", "thirteen"),
        Shape("Tia was \"fourteen going on forty\"", "fourteen"),
        Shape("the oldest we've worked with was nine", "nine"),
        Shape("At nineteen. With a baby.", "nineteen"),
        Shape("the profile claimed to be 16", "16"),
        Shape("she had her at sixteen herself", "sixteen"),
        Shape("the Okafor sisters 14/12", "14", "12"),
        Shape("R.T. 15 - missing again", "15"),
        Shape("K.M. (14) - excluded", "14"),
        Shape("P3: \"She was 15.\"", "15"),
        // Pasted records: a form's fields and a spreadsheet's row.
        Shape("Age 14 yrs", "14 yrs"),
        Shape("AGE: 14 YRS", "14 YRS"),
        Shape("Age: fourteen", "fourteen"),
        Shape("Age (yrs): 14", "14"),
        Shape("14 (DOB 03/04/2011)", "14"),
        Shape("Kai Brennan - 14 (DOB 03/04/2011) - Luton", "14"),
        Shape("D.O.B. 03/04/2011 Age 14", "14"),
        Shape("Kayden Morris, 14, Luton", "14"),
        Shape("Morris, Kayden, 14, M, Luton", "14"),
        Shape("Kayden Morris,14,Luton,open", "14"),
        Shape("Kayden Morris\t14\tLuton", "14"),
        Shape("DOB: 03/04/2011 (14 yrs)", "14 yrs"),
        Shape("Age/DOB: 14 / 03/04/2011", "14"),
        Shape("Age (at referral): 13", "13"),
        Shape("Age: 14 years 3 months", "14 years 3 months"),
        Shape("Ages: 14, 12 and 9", "14", "12", "9"),
        Shape("Tyreese Holt, 16 years, Luton", "16 years"),
        Shape("Holt, Tyreese, 16yrs, Luton", "16yrs"),
        Shape("she was thirteen, fourteen maybe", "thirteen", "fourteen"),
        Shape("one of the lads was 17 and the other 15", "17", "15"),
        // A baby's age, read by the one year-old rule.
        Shape("a 3 week old baby", "3 week old"),
        Shape("her 18-month-old was at home", "18-month-old"),
        // Session 11 (`people7`): an age after "at" opening a note, one after "at" before "which", a second guess
        // after an age the labeller found, a name's age in brackets opening a note.
        Shape("P2 - at 15 he was already running for them", "15"),
        Shape("moved into a flat at 16 which nobody flagged", "16"),
        Shape("idris was 12 or 13 not sure", "12", "13"),
        Shape("Ty (14) - excluded twice -> PRU", "14"),
        // Asides said between a pronoun and an age, and what makes a person an age.
        Shape("so that made her fifteen at the point of the strategy meeting", "fifteen"),
        Shape("which would make him sixteen now", "sixteen"),
        Shape("he's, what, seventeen now?", "seventeen"),
        Shape("she was, I reckon, fourteen when it started", "fourteen"),
        Shape("the girl, she was, fifteen I think", "fifteen"),
        Shape("she was fifteen-ish when it started", "fifteen-ish"),
        Shape("he was about 15ish, maybe younger", "15ish"),
    ]

    /// Numbers that look like ages and are nobody's age.
    static let traps: [String] = [
        "referrals went 3, then 14, then 20 over the year",
        "14 year olds are most at risk",
        "resources for 14-16 year olds",
        "a group for girls aged 13 to 16",
        "young people aged between 11 and 18",
        "aged 13-17",
        "sessions are for 16+ only",
        "she's in Year 9",
        "year 9 pupils were told",
        "Yr 10 assembly next week",
        "KS3 pupils had a talk",
        "ks4 group on tuesday",
        "we had 14 referrals this month",
        "she was seen 3 times",
        "in 14 days the order ends",
        "for 15 minutes",
        "back in 15 mins",
        "meet at 10:30",
        "we meet at 10 tomorrow",
        "she scored 14/20 on the screening tool",
        "15 out of 20 on the tool",
        "it cost £15",
        "15 quid each",
        "she got the 15 bus into town",
        "the 14 to town was late",
        "room 14 at the hub",
        "children under 16 cannot consent",
        "under 18s only",
        "sex under the age of 16 is an offence",
        "the age of consent is 16",
        "15 years in practice",
        "10 years experience in CSE",
        "see page 14",
        "section 17 of the Children Act",
        "the 2014/15 figures",
        "ages 11-16 service",
        "12 of them were girls",
        "a size 14 dress",
        "on the M6 near junction 14",
        "traffic on the M18 again",
        "on the A14 heading east",
        "rated it 8/10",
        "on the 15th",
        "the meeting is on May 15",
        "Year 10 / Year 11",
        "Level 3 training",
        "child 1 and child 2",
        "2 of the 14 girls said yes",
        "she's 15 weeks pregnant",
        "she lives 15 minutes away",
        "a 14 year old shouldn't have to deal with that",
        "at 16 you can leave school",
        "we lose them at 16",
        "kids 14 - 16",
        "mum 2 kids",
        "there were about 20",
        "approx 18 months",
        "the policy is 12 years old",
        "the 11-14 group",
        "the 12 year olds group meets on monday",
        "Form F14 was filed",
        "U16 team training",
        "she plays for the under 14s",
        "the over 18s night",
        "an 18-25 service",
        "a 16-18 provision",
        "my 2 kids are at school",
        "she had 14 missing episodes",
        "he has 15 previous convictions",
        "she was 15th on the list",
        "scored 15 on the SDQ",
        "the number 16 bus",
        "he's 6ft 2",
        "came in at 14:30",
        "he was 15 minutes late",
        "twenty minutes later she rang",
        "referrals rose in 15/16",
        "14/15 referrals were closed",
        "parents of 14 year olds",
        "aged 14+",
        "under 16s",
        "pupils aged 11-16",
        "there were 15 in the group",
        "one of 14 children in care",
        "it happened 14 times",
        "lives in M15",
        "KS3 (11-14)",
        "the 15yo's in the group",
        "14 year old girls are at risk online",
        "16-year-olds can't consent to that",
        "age 16 and over",
        "ages 11 to 18",
        "15-17 year olds",
        "14 and 15 year olds",
        "when a child turns 18 the plan ends",
        "when you turn 16 you can leave",
        "at 18 they leave care",
        "aged 16-25",
        "she's 1 of 3",
        "the group starts at 16:30",
        "back at 15.30",
        "he's 6 foot 2",
        "he's 15 years older than her",
        "it was 2 years ago",
        "she's been in care 3 years",
        "approx 18 months ago",
        "how old was the report? 14 years",
        "and the meeting was 14 minutes long",
        "for 6 months old babies",
        "it was thought 20 people came",
        "the team is only 18 months old",
        // Session 10: stories and records.
        "in her early teens",
        "his uncle, late twenties",
        "she was in Year 9 then",
        "by 3 she was back at the unit",
        "by 15 minutes past he had gone",
        "by 10 o'clock he was home",
        "from the age of 16 you can consent",
        "Tyler, 15ish minutes late again",
        "the age of criminal responsibility is 10",
        "the minimum age is 16",
        "the list grew and was 14 by march",
        "the older ones, 15 to 17, go to college",
        "Kai Brennan, 14 Mercer Street, Luton",
        "Referrals, 14, 12, 9",
        "Total, 14, open",
        "Flat 14 (DOB on file)",
        "we spent 14 (fourteen) hours on it",
        "Age range: 11-16",
        "a 3 week old case file",
        "a man in his 40s",
        "14 years 3 months in care",
        "Tyreese Holt, 16 Mercer Street",
        "any 14 year old in a house with a 30 year old is at risk",
        "We had fourteen referrals in May. Fourteen.",
        "Fifteen, maybe twenty people came",
        "At twelve we stopped for lunch",
        "she claimed to be 10 minutes away",
        "the 14 was the bus number",
        "the law treats a 16 year old as a child",
        "thresholds by age (13 vs 16)",
        "P1 - at 2, we break for lunch",
        "booked in at 10 which is early for them",
        "Referrals (15) - up from last year",
        "that made him 20 quid a run",
        "make her 10 copies of the plan",
        "it was, I think, 14 of us in the room",
        "it was 15ish minutes late",
        "he was 10ish minutes away",
    ]

    let scanner = IdentifierScanner()

    /// The rules without the sequence labeller, to say which part found a wrong age.
    let rulesAlone = IdentifierScanner(labeller: nil)

    func ages(_ text: String, _ s: IdentifierScanner? = nil) -> [String] {
        (s ?? scanner).scan(text).filter { $0.label == .age }.sorted { $0.span.start < $1.span.start }.map(\.text)
    }

    /// The catalogue's figure (printed): shapes whose ages are all found with their exact spans and nothing else,
    /// shapes found at least in part, traps kept quiet. Every shape and trap must pass.
    func testEveryShapeIsFoundAndEveryTrapStaysQuiet() {
        var exact = 0
        var partly = 0
        for shape in Self.shapes {
            let found = ages(shape.text)
            if found == shape.ages { exact += 1 }
            if found.contains(where: { f in shape.ages.contains { $0.contains(f) || f.contains($0) } }) { partly += 1 }
            XCTAssertEqual(found, shape.ages, "\(shape.text) (the rules alone: \(ages(shape.text, rulesAlone)))")
        }
        var quiet = 0
        for trap in Self.traps {
            let found = ages(trap)
            if found.isEmpty { quiet += 1 }
            XCTAssertEqual(found, [], "\(trap) (the rules alone: \(ages(trap, rulesAlone)))")
        }
        print(
            "age catalogue: \(exact) of \(Self.shapes.count) shapes exact, \(partly) found at least in part; "
                + "\(quiet) of \(Self.traps.count) traps quiet")
    }

    /// AGE on every development corpus stays at recall and precision 0.93 or more (overlap; printed per corpus);
    /// blind15 and blind16 (stories and records, session 10: 0.719 and 0.759 when found) at recall 0.92 and 0.94.
    /// blind2's held-out third is left out: its misses are never read. heldout.jsonl (7 ages, not tuned against) is
    /// printed only.
    func testAgesKeepTheirFloorOnTheDevelopmentCorpora() throws {
        var corpora: [(String, [CorpusLine])] = []
        for name in ["dev", "heldout", "blind", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9"]
            + ["blind10", "blind15", "blind16"]
        {
            corpora.append((name, try CorpusEvaluation.load(name)))
        }
        let recallFloors = ["blind15": 0.92, "blind16": 0.94]
        // Session 17: the labeller retrained on 34 corpora tags "the girl known as Baby Girl online was actually
        // twelve", which dev's writer left unlabelled; one of dev's 31 ages found, so 0.90.
        let precisionFloors = ["dev": 0.90]
        corpora.append(("blind2 (development part)", try CorpusEvaluationTests.blind2Parts().development))
        for (name, lines) in corpora {
            let (labels, _) = CorpusEvaluation.score(lines, scanner: scanner, mode: .overlap)
            let age = labels["AGE"] ?? Score()
            print(
                "AGE on \(name): \(age.golds) gold, recall \(String(format: "%.3f", age.recall)), precision "
                    + String(format: "%.3f", age.precision))
            if name == "heldout" { continue }
            XCTAssertGreaterThanOrEqual(age.recall, recallFloors[name] ?? 0.93, "\(name) AGE overlap recall")
            XCTAssertGreaterThanOrEqual(age.precision, precisionFloors[name] ?? 0.93, "\(name) AGE overlap precision")
        }
    }
}
