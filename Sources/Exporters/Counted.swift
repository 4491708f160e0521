/// A count with its noun, as the reports and the command line print it: "1 item", "5 items".
public enum Counted {
    /// `n` and the noun, singular for exactly one (`plural` when the noun does not just take an "s").
    public static func text(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
