#!/usr/bin/perl
# Reads a DBF with Perl's XBase module (libdbd-xbase-perl) and prints its records as the
# same tagged JSON as dbf_oracle.py, for the field types XBase.pm decodes on its own:
# C N F D L M (text). Other types are printed as null and must not be compared.
#
# Usage: dbf_oracle.pl FILE.DBF ENCODING     (ENCODING: a Perl Encode name, e.g. cp1252)
use strict;
use warnings;
use XBase;
use Encode qw(decode);
use JSON::PP;

my ($path, $encoding) = @ARGV;
my $table = XBase->new(name => $path, ignorebadheader => 1);
if (!$table) {
    print JSON::PP->new->canonical->ascii->encode({ error => XBase->errstr });
    exit 0;
}
$table->{'ChopBlanks'} = 1;
my @names = $table->field_names;
my @types = $table->field_types;
my @records;
for my $i (0 .. $table->last_record) {
    my ($deleted, @values) = $table->get_record($i);
    my @out;
    for my $j (0 .. $#names) {
        my ($t, $v) = ($types[$j], $values[$j]);
        if ($t eq '0') { next; }
        if (!defined $v) { push @out, undef; next; }
        if ($t eq 'C' or $t eq 'M') {
            push @out, { s => decode($encoding, $v) };
        } elsif ($t eq 'N' or $t eq 'F') {
            push @out, { f => sprintf('%.17g', $v) };
        } elsif ($t eq 'D') {
            my $d = sprintf('%08d', $v);
            push @out, { date => substr($d, 0, 4) . '-' . substr($d, 4, 2) . '-' . substr($d, 6, 2) };
        } elsif ($t eq 'L') {
            push @out, { l => ($v ? JSON::PP::true : JSON::PP::false) };
        } else {
            push @out, undef;
        }
    }
    push @records, { deleted => ($deleted ? JSON::PP::true : JSON::PP::false), values => \@out };
}
my @shown = map { $names[$_] } grep { $types[$_] ne '0' } 0 .. $#names;
print JSON::PP->new->canonical->ascii->encode({ reader => 'perl-xbase', fields => \@shown, records => \@records });
