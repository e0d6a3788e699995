/// The style a cell was drawn with: usually a role (so a theme can restyle
/// the whole screen), occasionally an explicit style.
public enum CellStyle: Hashable, Sendable {
    case role(StyleRole)
    case style(Style)

    /// Ordinary text.
    public static let normal = CellStyle.role(.normal)
}
