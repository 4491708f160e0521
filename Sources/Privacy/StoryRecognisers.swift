/// People in told stories (session 10, `stories`): practitioners telling a past case name a person once and then
/// by an initial ("J said", "K's mum wouldn't let us in", "I told J", "we placed K with her aunt"). Each rule is a
/// general shape with an invented example and a quiet twin in `StoryRecogniserTests`; they run after the person
/// and alias rules and add a person only where nothing else was found. An initial is `possible`: one letter says
/// little on its own, and the session memory never hunts it.
import SessionModel

extension ScanContext {
    /// Words a letter follows as a label, not a person: "Boy A said", "Plan B", "Child C's mum", "Flat D".
    static let letterTakers = Vocab.set(
        """
        boy girl child victim witness suspect perpetrator adult baby infant sibling person family families young
        plan vitamin section part type grade block class form flat room option group tier level category year stage
        wing ward unit exhibit appendix schedule annex zone gate platform bay floor house team key letter point
        mr mrs ms miss dr
        """)
    /// Verbs whose object is a person in a told story ("we placed K with her aunt", "picked J up", "I told J").
    static let personObjectVerbs = Vocab.set(
        """
        told tell asked ask placed moved visited met saw seen picked collected interviewed supported warned called rang
        phoned texted messaged found took take brought bring drove dropped helped helping support supporting
        """)
    /// What may follow an initial that is the object of such a verb: a joiner, a preposition, a pronoun, "up".
    static let afterInitialObject = Vocab.set(
        """
        and to at in on about with from for up back off home again that we i you he she they it if because but so
        when after before outside near yesterday today last
        """)
    /// What a person did in a told story, after "was"/"got"/"had been": "K was moved", "J got arrested".
    static let reportedParticiples = Vocab.set(
        """
        moved placed arrested excluded stabbed charged located returned groomed assaulted attacked injured found taken
        picked collected interviewed seen spotted released remanded sentenced convicted adopted removed referred
        discharged exploited trafficked missing killed hurt beaten raped abused recovered caught stopped searched
        """)

    /// The rules of this file, run once the person and alias rules have run.
    mutating func findStoryPeople() {
        findInitials()
    }

    /// "J said he'd been sleeping at a mate's", "K's mum wouldn't let us in", "I told J", "we placed K with her
    /// aunt", "D kept going missing", "M was moved": a capital letter alone standing where a person stands — before
    /// a verb of saying or what a person did, before "'s" and what a person has, after a verb whose object is a
    /// person. Quiet: "I said", "Boy A said", "Plan B's cost", "went to A and E", "U said" (chat's "you"), a letter
    /// in a code ("T-shirt", "A1"), initials before a surname (found by the title and name rules).
    mutating func findInitials() {
        for i in tokens.indices where tokens[i].kind == .word && tokens[i].length == 1 {
            let t = tokens[i]
            guard t.capitalised, !quiet[i], t.key != "i", !covered(i) else { continue }
            // A letter glued to a hyphen, dot or digit is part of something else ("T-shirt", "J.Smith").
            if let n = tok(i + 1), !n.spaceBefore, !(n.isPunct("'’,")) { continue }
            if i > 0, !t.spaceBefore, !tokens[i - 1].isPunct("(\"“'‘") { continue }
            let prev = key(i - 1)
            if Self.letterTakers.contains(prev) || Self.designations.contains(prev) { continue }
            // "Category C", "Exhibit D": a capitalised word before the letter names a thing, unless it opens the
            // sentence ("Then J said").
            if let p = tok(i - 1), p.kind == .word, p.capitalised, !p.sentenceStart, !Vocab.titles.contains(p.key) {
                continue
            }
            let next = key(i + 1)
            let possessive = (next == "'" || next == "’") && key(i + 2) == "s" && joined(i + 1) && joined(i + 2)
            if possessive {
                if inSet(.relations, i + 3) || Self.possessedInNotes.contains(key(i + 3))
                    || Self.accountWords.contains(key(i + 3))
                    || (inSet(.siblingOrder, i + 3) && inSet(.relations, i + 4))
                {
                    addAlias(i, i, possible: true)
                }
                continue
            }
            // "A" and "U" alone are an article and chat's "you" too often to be taken anywhere but as an owner.
            if t.key == "a" || t.key == "u" { continue }
            let subject =
                Self.sayingVerbs.contains(next) || Vocab.strongVerbs.contains(next)
                || Self.reportedVerbs.contains(next)
                || (["was", "were", "got", "had", "has", "is"].contains(next)
                    && (Self.reportedParticiples.contains(key(i + 2))
                        || key(i + 2) == "been" && Self.reportedParticiples.contains(key(i + 3))))
            if subject {
                addAlias(i, i, possible: true)
                continue
            }
            if Self.personObjectVerbs.contains(prev),
                tok(i + 1).map({ $0.isPunct(".,;:!?)") || Self.afterInitialObject.contains($0.key) }) ?? true
            {
                addAlias(i, i, possible: true)
            }
        }
    }
}
