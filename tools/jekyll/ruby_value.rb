# frozen_string_literal: true

# Encodes a Ruby value as JSON that keeps its Ruby type, so that Python can rebuild it exactly.
# The format is documented in tests/data/jekyll/README.md; tests/jekyll_table.py decodes it.
require "base64"
require "date"

module SeedlintRubyValue
  MAX_DEPTH = 40

  module_function

  # `path` holds the containers being encoded: a container that holds itself is "recursive".
  def encode(value, depth = 0, path = [])
    return { "t" => "too_deep" } if depth > MAX_DEPTH
    return { "t" => "recursive" } if path.any? { |outer| outer.equal?(value) }

    case value
    when nil then { "t" => "nil" }
    when true, false then { "t" => "bool", "v" => value }
    when Integer then { "t" => "int", "v" => value }
    when Float then encode_float(value)
    when String then encode_string(value)
    when Symbol then { "t" => "symbol", "v" => value.to_s }
    when Time then encode_time(value)
    when DateTime then { "t" => "ruby", "class" => "DateTime", "v" => value.iso8601(9) }
    when Date then { "t" => "date", "v" => value.iso8601 }
    when Array then { "t" => "array", "v" => value.map { |item| encode(item, depth + 1, path + [value]) } }
    when Hash then encode_hash(value, depth, path + [value])
    else { "t" => "ruby", "class" => value.class.name, "v" => value.inspect }
    end
  end

  # "Class: message", the message's first line only (Ruby 3.1 appends code excerpts to some).
  def error(exception)
    message = exception.respond_to?(:original_message) ? exception.original_message : exception.message
    "#{exception.class}: #{message.to_s.lines.first.to_s.chomp}"
  end

  def encode_float(value)
    return { "t" => "float", "v" => "nan" } if value.nan?
    return { "t" => "float", "v" => value.positive? ? "inf" : "-inf" } if value.infinite?

    { "t" => "float", "v" => value }
  end

  def encode_string(value)
    encoding = value.encoding.name
    text = value.dup.force_encoding(Encoding::UTF_8)
    return { "t" => "bytes", "v" => Base64.strict_encode64(value), "enc" => encoding } unless text.valid_encoding?

    encoded = { "t" => "str", "v" => text }
    encoded["enc"] = encoding unless encoding == "UTF-8"
    encoded
  end

  # Ruby prints a Time in UTC as "... UTC" and any other as "... +0000": Liquid shows the same.
  def encode_time(value)
    fraction = value.nsec.zero? ? "" : format(".%09d", value.nsec).sub(/0+\z/, "")
    iso = value.strftime("%Y-%m-%dT%H:%M:%S") + fraction + value.strftime("%:z")
    { "t" => "time", "v" => iso, "utc" => value.utc?, "s" => value.to_s }
  end

  def encode_hash(value, depth, path)
    pairs = value.map { |key, item| [encode(key, depth + 1, path), encode(item, depth + 1, path)] }
    { "t" => "hash", "v" => pairs }
  end
end
