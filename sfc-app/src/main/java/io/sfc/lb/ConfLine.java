package io.sfc.lb;

import java.util.List;

/**
 * One logical configuration line after includes, conditionals and variables were resolved.
 *
 * @param where "file:line"
 * @param tokens the words, the first being the directive or section tag
 * @param assumptions the enclosing conditions sfc could not evaluate ({@code <If>}, {@code
 *     <IfVersion>}, {@code <IfModule>} without any LoadModule seen...), outermost first
 */
record ConfLine(String where, List<String> tokens, List<String> assumptions) {
  /** The directive or tag as written. */
  String first() {
    return tokens.get(0);
  }
}
