/// The codebooks and checklists Convene ships with.
public enum BuiltInCodebook {
    /// The eight Practice Principles for multi-agency responses to child
    /// exploitation and extra-familial harm, as short code names.
    public static let practicePrinciplesName = "practice-principles"
    public static let practicePrinciples: [CodeDefinition] = [
        CodeDefinition(
            name: "PP1 Children and young people first", description: "Putting children and young people first"),
        CodeDefinition(
            name: "PP2 Voice and expertise of young people",
            description: "Respecting the voice, experience and expertise of children and young people"),
        CodeDefinition(
            name: "PP3 Parents and carers as partners",
            description: "Approaching parents and carers as partners where possible"),
        CodeDefinition(
            name: "PP4 Challenging inequality",
            description: "Recognising and challenging inequalities, exclusion and discrimination"),
        CodeDefinition(
            name: "PP5 Strengths and relationships", description: "Working in strengths-based, relationship-based ways"),
        CodeDefinition(name: "PP6 Trauma-responsive", description: "Recognising and responding to trauma"),
        CodeDefinition(
            name: "PP7 Curious and evidence-informed", description: "Being curious, evidence-informed and knowledgeable"
        ),
        CodeDefinition(
            name: "PP8 Safer spaces and places",
            description: "Creating safer spaces and places for children and young people"),
    ]
}

public enum ConsentChecklist {
    /// Used until a study sets its own checklist.
    public static let defaultItems = [
        "information-sheet-understood",
        "recording",
        "chatham-house-rule",
        "quotes-by-role",
        "withdrawal-window-explained",
    ]
}
