// groovyc --configscript: type-check the generated script against the stubs,
// so a wrong class, method name or signature fails the compilation.
withConfig(configuration) {
	ast(groovy.transform.TypeChecked)
}
