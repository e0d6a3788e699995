import TerminalUI

extension ConsoleModel {
    /// The area overlays are drawn in: the screen less its header and footer
    /// rows. Update sizes the lists and pages of overlays to it, so the view
    /// only reads them.
    var overlayArea: Size { Size(width: size.width, height: max(0, layoutSize.height - 2)) }
}
