#!/usr/bin/perl
# Check docs/openapi.yaml, and optionally recorded responses against it, with
# JSON::Validator (Debian's libjson-validator-perl, which validates OpenAPI
# documents against the OpenAPI 3.0 schema shipped by openapi-specification,
# and responses against the document; no network is used).
#
#   openapi_check.pl SPEC                 check the document only
#   openapi_check.pl SPEC EXCHANGES       check the document, then every response
#
# EXCHANGES has one JSON object per line: {"label", "method", "path" (the
# document's path template, or "*" for a path the document does not have),
# "status", "content_type", "headers": {name: value}, "body" (the text)}.
# A JSON body (application/json or +json) is checked against its schema; any
# other is checked as a string against the schema of its content type.
# Response schemas are read closed: an object member the document does not
# name is a mismatch, so the document cannot fall behind the renderers.
#
# Prints every mismatch, one per line, then a summary; exits 0 when there is
# none, 1 when there is any, 2 on a usage or input error.
use strict;
use warnings;

BEGIN {
  eval { require JSON::Validator::Schema::OpenAPIv3; 1 } or do {
    print "openapi_check: JSON::Validator is missing: run scripts/setup, which installs Debian's",
      " libjson-validator-perl (use /usr/bin/perl, which sees Debian's modules)\n";
    exit 2;
  };
}
use Mojo::JSON qw(decode_json);
use Mojo::Util qw(encode);
use Storable qw(dclone);
use YAML::XS ();

my @problems;
sub problem { push @problems, join '', @_ }

my ($spec_path, $exchanges_path) = @ARGV;
if (!defined $spec_path || @ARGV > 2) {
  print STDERR "usage: openapi_check.pl SPEC [EXCHANGES]\n";
  exit 2;
}

my $data = eval {
  local $YAML::XS::Boolean = 'JSON::PP';
  YAML::XS::LoadFile($spec_path);
};
if (!$data) {
  print "$spec_path: not readable YAML: $@";
  exit 1;
}

# 1. The document against the OpenAPI 3.0 schema; unresolvable $refs die.
my $document = eval { JSON::Validator::Schema::OpenAPIv3->new(dclone($data)) };
if (!$document) {
  problem "$spec_path: ", ($@ =~ s/\s+$//r);
}
else {
  if (($data->{openapi} // '') !~ /^3\.0\.\d+$/) {
    problem "$spec_path: /openapi: expected 3.0.x, got ", $data->{openapi} // 'nothing';
  }
  my @errors = eval { @{$document->errors} };
  problem "$spec_path: ", ($@ =~ s/\s+$//r) if $@;
  problem "$spec_path: $_" for @errors;
}

# 2. What the schema of OpenAPI cannot say.
my $HTTP_METHODS = qr/^(get|put|post|delete|options|head|patch|trace)$/;
# Return `node`, or what its local $ref names in `root` (default the document).
sub resolve {
  my ($node, $root) = @_;
  my %seen;
  while (ref $node eq 'HASH' && exists $node->{'$ref'}) {
    my $ref = $node->{'$ref'};
    return undef if $seen{$ref}++ || $ref !~ m{^#/};
    $node = $root // $data;
    for my $part (split m{/}, substr($ref, 2)) {
      $part =~ s/~1/\//g;
      $part =~ s/~0/~/g;
      return undef unless ref $node eq 'HASH' && exists $node->{$part};
      $node = $node->{$part};
    }
  }
  return $node;
}

sub check_schema_names {
  my ($schema, $where) = @_;
  return unless ref $schema eq 'HASH';
  if (ref $schema->{required} eq 'ARRAY' && !exists $schema->{'$ref'}) {
    my $properties = $schema->{properties} || {};
    for my $name (@{$schema->{required}}) {
      problem "$spec_path: $where: required member '$name' is not among the properties"
        unless exists $properties->{$name};
    }
  }
  for my $name (sort keys %{$schema->{properties} || {}}) {
    check_schema_names($schema->{properties}{$name}, "$where/properties/$name");
  }
  check_schema_names($schema->{items}, "$where/items");
  check_schema_names($schema->{additionalProperties}, "$where/additionalProperties");
  for my $combination (qw(allOf oneOf anyOf)) {
    my $i = 0;
    check_schema_names($_, "$where/$combination/" . $i++) for @{$schema->{$combination} || []};
  }
}
check_schema_names($data->{components}{schemas}{$_}, "/components/schemas/$_")
  for sort keys %{$data->{components}{schemas} || {}};

my %operation_ids;
for my $path (sort keys %{$data->{paths} || {}}) {
  my $item = $data->{paths}{$path};
  my %in_template = map { $_ => 1 } $path =~ /\{([^}]+)\}/g;
  for my $method (grep {/$HTTP_METHODS/} sort keys %$item) {
    my $operation = $item->{$method};
    my $where = "$spec_path: " . uc($method) . " $path";
    if (my $id = $operation->{operationId}) {
      problem "$where: operationId '$id' is also that of $operation_ids{$id}" if $operation_ids{$id};
      $operation_ids{$id} = uc($method) . " $path";
    }
    my %declared;
    for my $parameter (@{$item->{parameters} || []}, @{$operation->{parameters} || []}) {
      my $resolved = resolve($parameter) or next;
      $declared{$resolved->{name}} = 1 if ($resolved->{in} // '') eq 'path';
    }
    for my $name (sort keys %in_template) {
      problem "$where: the path has {$name} but no path parameter '$name'" unless $declared{$name};
    }
    for my $name (sort keys %declared) {
      problem "$where: path parameter '$name' is not in the path" unless $in_template{$name};
    }
    for my $status (sort keys %{$operation->{responses} || {}}) {
      problem "$where: response '$status' is not a status code (a 'default' would hide mismatches)"
        unless $status =~ /^[1-5][0-9][0-9]$/;
    }
  }
}

# 3. Every recorded response against the document.
my ($checked, %seen_operation, %seen_status) = (0);
if (defined $exchanges_path && !@problems) {
  # A copy whose response schemas are closed (additionalProperties: false
  # wherever a schema lists properties and says nothing about others),
  # except under allOf, whose parts each list only some members.
  my $closed = dclone($data);
  my $close;
  $close = sub {
    my ($schema, $open) = @_;
    return unless ref $schema eq 'HASH';
    if (!$open && ref $schema->{properties} eq 'HASH' && !exists $schema->{additionalProperties}) {
      $schema->{additionalProperties} = JSON::PP::false();
    }
    $close->($_, $open) for values %{$schema->{properties} || {}};
    $close->($schema->{items}, $open);
    $close->($_, $open) for @{$schema->{oneOf} || []}, @{$schema->{anyOf} || []};
    $close->($_, 1) for @{$schema->{allOf} || []};
  };
  $close->($_, 0) for values %{$closed->{components}{schemas} || {}};
  my @responses = values %{$closed->{components}{responses} || {}};
  for my $item (values %{$closed->{paths} || {}}) {
    for my $method (grep {/$HTTP_METHODS/} keys %$item) {
      push @responses, values %{$item->{$method}{responses} || {}};
    }
  }
  for my $response (@responses) {
    $close->($_->{schema}, 0) for values %{$response->{content} || {}};
  }
  # validate_response follows no $ref to a response object or to a header
  # (it would check nothing): put what they name in their place.
  for my $item (values %{$closed->{paths} || {}}) {
    for my $method (grep {/$HTTP_METHODS/} keys %$item) {
      my $responses = $item->{$method}{responses} || {};
      for my $status (keys %$responses) {
        my $response = $responses->{$status} = dclone(resolve($responses->{$status}, $closed));
        my $headers = $response->{headers} || {};
        $headers->{$_} = dclone(resolve($headers->{$_}, $closed)) for keys %$headers;
      }
    }
  }
  for my $response (values %{$closed->{components}{responses} || {}}) {
    my $headers = $response->{headers} || {};
    $headers->{$_} = dclone(resolve($headers->{$_}, $closed)) for keys %$headers;
  }
  my $validator = JSON::Validator::Schema::OpenAPIv3->new($closed);
  $validator->coerce({});    # a response must have the types, not text that converts to them

  open my $in, '<', $exchanges_path or do { print "$exchanges_path: $!\n"; exit 2 };
  while (my $line = <$in>) {
    next unless $line =~ /\S/;
    my $exchange = eval { decode_json($line) };
    if (!$exchange) {
      problem "$exchanges_path:$.: not a JSON object: $@";
      next;
    }
    ++$checked;
    check_exchange($validator, $exchange, "$exchanges_path:$.");
  }
  close $in;

  for my $path (sort keys %{$data->{paths}}) {
    for my $method (grep {/$HTTP_METHODS/} sort keys %{$data->{paths}{$path}}) {
      my $key = uc($method) . " $path";
      if (!$seen_operation{$key}) {
        problem "coverage: $key was never exercised";
        next;
      }
      my @unseen = grep { !$seen_status{"$key $_"} }
        sort keys %{$data->{paths}{$path}{$method}{responses}};
      print "note: $key: documented but not observed: @unseen\n" if @unseen;
    }
  }
}

sub header_value {
  my ($exchange, $name) = @_;
  my $headers = $exchange->{headers} || {};
  for my $key (keys %$headers) {
    return $headers->{$key} if lc $key eq lc $name;
  }
  return undef;
}

sub check_exchange {
  my ($validator, $exchange, $where) = @_;
  my ($method, $path, $status) = @$exchange{qw(method path status)};
  my $label = "$where: $exchange->{label}: $method $path -> $status";
  my $item = $path eq '*' ? undef : $data->{paths}{$path};
  my $response;
  if ($path eq '*') {
    # A path the document does not have: the generic 404.
    return problem "$label: a path that is not documented must answer 404" unless $status == 404;
    $response = '/components/responses/NotFound';
  }
  elsif (!$item) {
    return problem "$label: the document has no path $path";
  }
  elsif (!$item->{lc $method}) {
    # A method the path does not have: 405, with Allow naming the ones it has.
    return problem "$label: $method is not documented for $path, so it must answer 405"
      unless $status == 405;
    $response = '/components/responses/MethodNotAllowed';
    my @methods = map {uc} grep { $item->{$_} } qw(get head post put patch delete);
    my %allowed = map { $_ => 1 } split /\s*,\s*/, header_value($exchange, 'Allow') // '';
    my %documented = map { $_ => 1 } @methods;
    problem "$label: Allow is '", header_value($exchange, 'Allow') // '(none)',
      "' but the document gives $path the methods @methods"
      unless join(',', sort keys %allowed) eq join(',', sort keys %documented);
  }
  else {
    my $key = "$method $path";
    $seen_operation{$key} = 1;
    $seen_status{"$key $status"} = 1;
    my $responses = $item->{lc $method}{responses} || {};
    return problem "$label: status $status is not documented for $method $path (it lists ",
      join(', ', sort keys %$responses), ")"
      unless $responses->{$status};
  }

  my $content_type = $exchange->{content_type} // '';
  my $body_text = $exchange->{body} // '';
  if ($method eq 'HEAD') {
    problem "$label: a HEAD response has a body" if length $body_text;
  }
  my $body;
  if (length $body_text && $content_type =~ m{^application/(?:[\w.+-]+\+)?json\b}i) {
    # The exchange's body is text (characters); the JSON parser reads bytes.
    $body = eval { decode_json(encode('UTF-8', $body_text)) };
    return problem "$label: the body is not JSON: ", ($@ =~ s/\s+$//r) if $@;
  }
  elsif (length $body_text) {
    # Text (the page's HTML, a calendar): checked as a string of its type.
    $body = $body_text;
  }
  my %response = (
    header => sub {
      my ($name) = @_;
      my $value = header_value($exchange, $name);
      return {exists => defined $value, value => $value};
    },
    body => sub {
      return {exists => length($body_text) ? 1 : 0, value => $body, content_type => $content_type};
    },
  );
  my @errors;
  if (!defined $response) {
    @errors = eval { $validator->validate_response([lc $method, $path, $status], \%response) };
  }
  else {
    # validate_response knows only operations: check a shared response by hand.
    my $shared = $validator->get($response);
    for my $name (sort keys %{$shared->{headers} || {}}) {
      my $value = header_value($exchange, $name);
      if (!defined $value) {
        push @errors, "header $name: missing" if $shared->{headers}{$name}{required};
        next;
      }
      push @errors, map {"header $name: $_"} $validator->validate($value, $shared->{headers}{$name}{schema});
    }
    my $media = $shared->{content}{$content_type};
    if ($method eq 'HEAD') {
      # No body to check.
    }
    elsif (!$media) {
      push @errors, "/body: Content-Type '$content_type' is not one of " . join(', ', keys %{$shared->{content}});
    }
    else {
      push @errors, map {"body: $_"} $validator->validate($body, $media->{schema});
    }
  }
  problem "$label: ", ($@ =~ s/\n.*//sr) if $@;
  problem "$label: $_" for @errors;

  # The document lists the content of a GET; its HEAD has none. Otherwise a
  # body must be documented, and a documented body must be there.
  if ($item && $item->{lc $method} && $method ne 'HEAD') {
    my $documented = resolve($item->{lc $method}{responses}{$status});
    my $has_content = $documented && $documented->{content} && %{$documented->{content}};
    problem "$label: the response has a body the document does not describe"
      if length $body_text && !$has_content;
    problem "$label: the document describes a body but the response has none"
      if !length $body_text && $has_content;
  }
}

print "$_\n" for @problems;
if (defined $exchanges_path) {
  printf "openapi_check: %d responses checked against %s: %d mismatches\n", $checked, $spec_path,
    scalar @problems;
}
else {
  printf "openapi_check: %s: %d problems\n", $spec_path, scalar @problems;
}
exit(@problems ? 1 : 0);
