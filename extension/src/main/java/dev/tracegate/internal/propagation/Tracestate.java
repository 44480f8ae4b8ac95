package dev.tracegate.internal.propagation;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The W3C {@code tracestate} list: the grammar of its members, how several headers combine into one
 * list, how an over-long list is shortened, and the list itself as a span context's {@link
 * TraceState}. Values are handled as text, never parsed. OpenTelemetry's own {@code
 * TraceState.builder()} checks keys against the older {@code tenant@system} grammar and would drop
 * keys the current text allows ({@code foo@}, {@code foo@@bar}, a tenant of 242 characters), so
 * received lists are kept here.
 */
final class Tracestate implements TraceState {
  static final int MAX_MEMBERS = 32;
  static final int MAX_LENGTH = 512;
  static final int MAX_KEY_LENGTH = 256;

  /** Members longer than this go first when a list must be shortened. */
  static final int LARGE_MEMBER = 128;

  /**
   * 32 members of the longest key (256), '=' and the longest value (256), with their commas.
   * Received lists longer than this are discarded before they are split: only padding (spaces,
   * empty members) could make a valid list longer.
   */
  static final int MAX_RECEIVED_LENGTH = MAX_MEMBERS * (MAX_KEY_LENGTH + 1 + 256) + MAX_MEMBERS - 1;

  /** Keys and values alternating, in list order, each key once. */
  private final List<String> entries;

  private Tracestate(List<String> entries) {
    this.entries = entries;
  }

  /**
   * All received {@code tracestate} header values as one list, in order, with empty members and the
   * spaces/tabs around commas removed, and only the first member of a repeated key (the text lets a
   * vendor discard duplicates it did not generate; the rest of the list stays). Empty when there is
   * nothing to keep: no member at all, or a list the recipient discards as a whole (an invalid
   * member, more than 32 members as received, more than {@link #MAX_RECEIVED_LENGTH} characters).
   */
  static Optional<Tracestate> combine(List<String> headerValues) {
    long length = 0;
    for (String headerValue : headerValues) {
      length += headerValue.length() + 1;
      if (length > MAX_RECEIVED_LENGTH + 1) {
        return Optional.empty();
      }
    }
    List<String> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int members = 0;
    for (String headerValue : headerValues) {
      for (String raw : headerValue.split(",", -1)) {
        String member = trimOws(raw);
        if (member.isEmpty()) {
          continue;
        }
        int equals = member.indexOf('=');
        if (equals < 0 || ++members > MAX_MEMBERS) {
          return Optional.empty();
        }
        String key = member.substring(0, equals);
        String value = member.substring(equals + 1);
        if (!isValidKey(key) || !isValidValue(value)) {
          return Optional.empty();
        }
        if (keys.add(key)) {
          entries.add(key);
          entries.add(value);
        }
      }
    }
    return entries.isEmpty() ? Optional.empty() : Optional.of(new Tracestate(entries));
  }

  /**
   * The list cut to at most {@code maxLength} characters by dropping whole members, never by
   * cutting one: members longer than 128 characters go first (from the end), then members from the
   * end.
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
   * {@code key = ( lcalpha / DIGIT ) 0*255 ( keychar )}, {@code keychar = lcalpha / DIGIT / "_" /
   * "-" / "*" / "/" / "@"}: 1 to 256 characters, '@' anywhere but first.
   */
  static boolean isValidKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    char first = key.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first >= '0' && first <= '9')) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-'
          || c == '*'
          || c == '/'
          || c == '@')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code value = 0*255(chr) nblk-chr}: printable ASCII but ',' and '=', at most 256, no trailing
   * space.
   */
  static boolean isValidValue(String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > 256
        || value.charAt(value.length() - 1) == ' ') {
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

  @Override
  public String get(String key) {
    for (int i = 0; i < entries.size(); i += 2) {
      if (entries.get(i).equals(key)) {
        return entries.get(i + 1);
      }
    }
    return null;
  }

  @Override
  public int size() {
    return entries.size() / 2;
  }

  @Override
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    for (int i = 0; i < entries.size(); i += 2) {
      consumer.accept(entries.get(i), entries.get(i + 1));
    }
  }

  @Override
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  @Override
  public TraceStateBuilder toBuilder() {
    return new Builder(entries);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tracestate that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** The list as a {@code tracestate} header value: {@code key=value} members joined by commas. */
  @Override
  public String toString() {
    StringBuilder list = new StringBuilder();
    forEach(
        (key, value) ->
            list.append(list.length() == 0 ? "" : ",").append(key).append('=').append(value));
    return list.toString();
  }

  /**
   * Changes as the text's mutation rules say: an added or updated key moves to the front (left), a
   * 33rd member pushes out the right-most one, and a key or value that breaks the grammar is
   * ignored.
   */
  private static final class Builder implements TraceStateBuilder {
    private final List<String> entries;

    Builder(List<String> entries) {
      this.entries = new ArrayList<>(entries);
    }

    @Override
    public TraceStateBuilder put(String key, String value) {
      if (isValidKey(key) && isValidValue(value)) {
        remove(key);
        entries.add(0, value);
        entries.add(0, key);
        if (entries.size() > 2 * MAX_MEMBERS) {
          entries.subList(2 * MAX_MEMBERS, entries.size()).clear();
        }
      }
      return this;
    }

    @Override
    public TraceStateBuilder remove(String key) {
      for (int i = 0; i < entries.size(); i += 2) {
        if (entries.get(i).equals(key)) {
          entries.subList(i, i + 2).clear();
          break;
        }
      }
      return this;
    }

    @Override
    public TraceState build() {
      return entries.isEmpty() ? TraceState.getDefault() : new Tracestate(List.copyOf(entries));
    }
  }
}
