export function format(name, count) {
    return `${count} ${name} loaded`;
}
