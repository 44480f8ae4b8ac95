package dev.tracegate.propagation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The W3C {@code tracestate} list: the grammar of its members, how several headers combine into one
 * list, and how an over-long list is shortened. Values are handled as text, never parsed.
 */
final class Tracestate {
  static final int MAX_MEMBERS = 32;
  static final int MAX_LENGTH = 512;
  /** Members longer than this go first when a list must be shortened. */
  static final int LARGE_MEMBER = 128;
  /**
   * 32 members of the longest key (256), '=' and the longest value (256), with their commas. Received
   * lists longer than this are discarded before they are split: only padding (spaces, empty members)
   * could make a valid list longer.
   */
  static final int MAX_RECEIVED_LENGTH = MAX_MEMBERS * (256 + 1 + 256) + MAX_MEMBERS - 1;

  private Tracestate() {}

  /**
   * All received {@code tracestate} header values as one list, in order, with empty members and the
   * spaces/tabs around commas removed; empty when there is nothing to keep: no member at all, or a
   * list the recipient must discard as a whole (an invalid member, a repeated key, more than 32 members,
   * more than {@link #MAX_RECEIVED_LENGTH} characters).
   */
  static Optional<String> combine(List<String> headerValues) {
    long length = 0;
    for (String headerValue : headerValues) {
      length += headerValue.length() + 1;
      if (length > MAX_RECEIVED_LENGTH + 1) {
        return Optional.empty();
      }
    }
    List<String> members = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (String headerValue : headerValues) {
      for (String raw : headerValue.split(",", -1)) {
        String member = trimOws(raw);
        if (member.isEmpty()) {
          continue;
        }
        int equals = member.indexOf('=');
        if (equals < 0 || !isValidKey(member.substring(0, equals)) || !isValidValue(member.substring(equals + 1))
            || !keys.add(member.substring(0, equals)) || members.size() == MAX_MEMBERS) {
          return Optional.empty();
        }
        members.add(member);
      }
    }
    return members.isEmpty() ? Optional.empty() : Optional.of(String.join(",", members));
  }

  /**
   * The list cut to at most {@code maxLength} characters by dropping whole members, never by cutting
   * one: members longer than 128 characters go first (from the end), then members from the end.
   */
  static String truncate(String list, int maxLength) {
    if (list.length() <= maxLength) {
      return list;
    }
    List<String> members = new ArrayList<>(List.of(list.split(",")));
    int length = list.length();
    for (int i = members.size() - 1; i >= 0 && length > maxLength; i--) {
      if (members.get(i).length() > LARGE_MEMBER) {
        length -= members.remove(i).length() + (members.isEmpty() ? 0 : 1);
      }
    }
    while (length > maxLength && !members.isEmpty()) {
      length -= members.remove(members.size() - 1).length() + (members.isEmpty() ? 0 : 1);
    }
    return String.join(",", members);
  }

  /**
   * {@code simple-key = lcalpha 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/")}, or
   * {@code tenant-id "@" system-id} with {@code tenant-id = (lcalpha / DIGIT) 0*240(...)} and
   * {@code system-id = lcalpha 0*13(...)}.
   */
  static boolean isValidKey(String key) {
    int at = key.indexOf('@');
    if (at < 0) {
      return key.length() <= 256 && isIdentifier(key, 0, key.length(), false);
    }
    return at <= 241 && key.length() - at - 1 <= 14
        && isIdentifier(key, 0, at, true) && isIdentifier(key, at + 1, key.length(), false);
  }

  private static boolean isIdentifier(String key, int start, int end, boolean digitFirst) {
    if (start >= end) {
      return false;
    }
    char first = key.charAt(start);
    if (!(first >= 'a' && first <= 'z' || digitFirst && first >= '0' && first <= '9')) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '*' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  /** {@code value = 0*255(chr) nblk-chr}: printable ASCII but ',' and '=', at most 256, no trailing space. */
  static boolean isValidValue(String value) {
    if (value.isEmpty() || value.length() > 256 || value.charAt(value.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  /** Removes HTTP optional whitespace (spaces and tabs) around a value. */
  static String trimOws(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return value.substring(start, end);
  }
}
